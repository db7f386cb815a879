/**
 * How a station signs its requests to the hub. Every request carries four headers and an
 * Ed25519 signature over one canonical string; the hub checks the key it stored at
 * enrollment, the clock window and that the nonce is new, so a captured request cannot be
 * replayed and a changed one does not verify. The body is covered by its SHA-256, taken over
 * the bytes on the wire (compressed), so the hub verifies before it decompresses anything.
 *
 * Canonical string (UTF-8, lines joined by "\n"):
 *   cunyi-sync-1
 *   <METHOD>
 *   <path and query, as sent>
 *   <x-cunyi-time: ISO 8601 UTC>
 *   <x-cunyi-nonce: 16–64 url-safe characters>
 *   <lower-case hex SHA-256 of the body bytes, of the empty string when there is none>
 *   <upload offset for tus PATCH requests, else empty>
 *
 * A tus PATCH signs UNSIGNED-PAYLOAD instead of its chunk's hash (the upload client does not
 * expose the chunk before sending); the payload as a whole is checked against the SHA-256 its
 * record declares before that record is applied.
 */
export const SIGNATURE_SCHEME = 'cunyi-sync-1';

export const SIGNED_HEADERS = {
  station: 'x-cunyi-station',
  time: 'x-cunyi-time',
  nonce: 'x-cunyi-nonce',
  signature: 'x-cunyi-signature',
} as const;

/** How far a request's time may be from the hub's clock, either way. */
export const SIGNATURE_WINDOW_MS = 5 * 60_000;

/** A nonce: url-safe base64 of at least 12 random bytes. */
export const NONCE_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;

export interface SignedParts {
  method: string;
  /** Path plus query string exactly as in the request line. */
  path: string;
  time: string;
  nonce: string;
  bodySha256: string;
  /** The tus Upload-Offset header of a PATCH, so a chunk cannot be moved to another offset. */
  uploadOffset?: string;
}

/** The string both sides sign and verify. */
export function canonicalRequest(parts: SignedParts): string {
  return [
    SIGNATURE_SCHEME,
    parts.method.toUpperCase(),
    parts.path,
    parts.time,
    parts.nonce,
    parts.bodySha256,
    parts.uploadOffset ?? '',
  ].join('\n');
}

/** SHA-256 of no bytes: what a request without a body signs. */
export const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/** What a tus PATCH signs in place of its body hash. */
export const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';
