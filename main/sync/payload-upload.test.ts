import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { useTempStore } from '../../test/support/temp-store.js';
import { HubUnreachable } from './hub-http.js';
import { uploadIdOf, uploadPayload } from './payload-upload.js';
import type { PayloadUploadOptions } from './payload-upload.js';
import { createRequestSigner } from './request-signer.js';
import { stationKeys } from './station-keys.js';

const temp = useTempStore({ userId: randomUUID(), stationId: randomUUID() });

/** A loopback port nothing listens on: any request to it fails at once. */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function options(overrides: Partial<PayloadUploadOptions> = {}): Promise<PayloadUploadOptions> {
  const data = randomBytes(2048);
  return {
    hubUrl: `http://127.0.0.1:${await deadPort()}`,
    signer: createRequestSigner(randomUUID(), stationKeys(temp.store.db).privateKey),
    db: temp.store.db,
    sha256: createHash('sha256').update(data).digest('hex'),
    mediaType: 'image/jpeg',
    data,
    retryDelays: [],
    ...overrides,
  };
}

const uploads = () => temp.store.db.prepare('SELECT * FROM payload_uploads').all();

describe('uploadPayload', () => {
  it.each([
    ['a sha256 that is not the payload’s', { sha256: 'a'.repeat(64) }, /does not match/],
    ['an upper-case sha256', { sha256: 'A'.repeat(64) }, /lower-case hex/],
    ['a media type with parameters', { mediaType: 'text/plain; charset=utf-8' }, /media type/],
    ['an empty payload', { data: Buffer.alloc(0) }, /at least one byte/],
  ])('refuses %s before sending or storing anything', async (_name, overrides, message) => {
    await expect(uploadPayload(await options(overrides))).rejects.toThrow(message);
    expect(uploads()).toEqual([]);
  });

  it('answers from the station database when the payload was already uploaded', async () => {
    const given = await options();
    temp.store.db
      .prepare('INSERT INTO payload_uploads (sha256, upload_url, completed_at) VALUES (?, ?, ?)')
      .run(given.sha256, 'https://hub.example/api/uploads/Abc_def-123456', '2025-01-01T00:00:00.000Z');
    // The hub URL leads nowhere: an answer proves no request was made.
    expect(await uploadPayload(given)).toEqual({ uploadId: 'Abc_def-123456' });
  });

  it('reports an unreachable hub as HubUnreachable and records no completion', async () => {
    const given = await options();
    await expect(uploadPayload(given)).rejects.toBeInstanceOf(HubUnreachable);
    expect(uploads()).toEqual([]);
  });

  it('stops when its signal aborts', async () => {
    const abort = new AbortController();
    abort.abort(new Error('station shutting down'));
    await expect(uploadPayload(await options({ signal: abort.signal }))).rejects.toThrow('station shutting down');
  });

  it('takes the upload id from the last path segment of the upload URL', () => {
    expect(uploadIdOf('http://127.0.0.1:8080/api/uploads/xYz_0123-abcd')).toBe('xYz_0123-abcd');
  });
});
