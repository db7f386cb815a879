import { createHash, randomBytes, sign } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { EMPTY_SHA256, SIGNED_HEADERS, canonicalRequest } from '../../contract/sync/signing.js';

/** Headers that authenticate one request to the hub. */
export type SignedHeaders = Record<(typeof SIGNED_HEADERS)[keyof typeof SIGNED_HEADERS], string>;

export interface RequestToSign {
  method: string;
  /** Path and query exactly as sent. */
  path: string;
  /** Body bytes as sent on the wire; absent for none. */
  body?: Uint8Array;
  /** Signed in place of the body hash (tus PATCH: UNSIGNED-PAYLOAD). */
  bodySha256?: string;
  uploadOffset?: string;
}

/** Signs requests as one enrolled station with its Ed25519 private key. */
export type RequestSigner = (request: RequestToSign) => SignedHeaders;

export function createRequestSigner(
  stationId: string,
  privateKey: KeyObject,
  now: () => Date = () => new Date(),
): RequestSigner {
  return (request) => {
    const time = now().toISOString();
    const nonce = randomBytes(18).toString('base64url');
    const bodySha256 =
      request.bodySha256 ??
      (request.body && request.body.length > 0
        ? createHash('sha256').update(request.body).digest('hex')
        : EMPTY_SHA256);
    const text = canonicalRequest({
      method: request.method,
      path: request.path,
      time,
      nonce,
      bodySha256,
      ...(request.uploadOffset !== undefined ? { uploadOffset: request.uploadOffset } : {}),
    });
    const signature = sign(null, Buffer.from(text, 'utf8'), privateKey).toString('base64url');
    return {
      [SIGNED_HEADERS.station]: stationId,
      [SIGNED_HEADERS.time]: time,
      [SIGNED_HEADERS.nonce]: nonce,
      [SIGNED_HEADERS.signature]: signature,
    } as SignedHeaders;
  };
}
