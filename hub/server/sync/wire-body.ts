import { brotliCompressSync, brotliDecompressSync, constants, gunzipSync } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** A request body as sent, or why it cannot be read. */
export type Decoded =
  { ok: true; text: string } | { ok: false; refusal: 'unsupported_encoding' | 'too_large' | 'malformed' };

/**
 * Decompresses a body per its Content-Encoding, stopping at `maxBytes` of output so a small
 * compressed body cannot expand into gigabytes (a decompression bomb).
 */
export function decodeBody(request: FastifyRequest, raw: Buffer, maxBytes: number): Decoded {
  const encoding = String(request.headers['content-encoding'] ?? 'identity').toLowerCase();
  try {
    let bytes: Buffer;
    if (encoding === 'identity') bytes = raw;
    else if (encoding === 'br') bytes = brotliDecompressSync(raw, { maxOutputLength: maxBytes });
    else if (encoding === 'gzip') bytes = gunzipSync(raw, { maxOutputLength: maxBytes });
    else return { ok: false, refusal: 'unsupported_encoding' };
    if (bytes.length > maxBytes) return { ok: false, refusal: 'too_large' };
    return { ok: true, text: bytes.toString('utf8') };
  } catch (error) {
    const code = (error as { code?: string }).code;
    return { ok: false, refusal: code === 'ERR_BUFFER_TOO_LARGE' ? 'too_large' : 'malformed' };
  }
}

/** Sends JSON, Brotli-compressed when the client accepts it (the station always does). */
export function sendJson(request: FastifyRequest, reply: FastifyReply, value: unknown): FastifyReply {
  const text = Buffer.from(JSON.stringify(value), 'utf8');
  reply.type('application/json');
  if (text.length > 512 && /\bbr\b/.test(String(request.headers['accept-encoding'] ?? ''))) {
    const compressed = brotliCompressSync(text, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } });
    return reply.header('content-encoding', 'br').header('vary', 'accept-encoding').send(compressed);
  }
  return reply.send(text);
}
