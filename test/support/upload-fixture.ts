/** Stations, hubs and a cutting relay for the resumable-upload tests (test/integration/sync-uploads*.test.ts). */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { buildHub } from '../../hub/server/app.js';
import type { HubDb } from '../../hub/server/db.js';
import { payloadStatus, readPayload } from '../../hub/server/uploads/index.js';
import { HubUnreachable } from '../../main/sync/hub-http.js';
import { uploadPayload } from '../../main/sync/payload-upload.js';
import { createRequestSigner } from '../../main/sync/request-signer.js';
import type { RequestSigner } from '../../main/sync/request-signer.js';
import { stationKeys } from '../../main/sync/station-keys.js';
import { openStore } from '../../main/store/index.js';
import type { Store } from '../../main/store/index.js';

import { enrollTestStation, newTestStation } from './test-station.js';

export const MiB = 1024 * 1024;
export const PAYLOAD_BYTES = 5 * MiB;
export const CHUNK_BYTES = MiB;
/** What each test leaves to close; the test file empties it after every test (`closeUploadFixtures`). */
export const cleanups: Array<() => unknown> = [];

/** Closes what the last test opened, newest first. */
export async function closeUploadFixtures(): Promise<void> {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
}

/** A station database file of its own; `restart()` closes it and opens the file again. */
export class UploadStation {
  readonly dir = mkdtempSync(join(tmpdir(), 'cunyi-uploads-'));
  store: Store = openStore(join(this.dir, 'station.db'));
  readonly stationId = randomUUID();
  readonly signer: RequestSigner;

  constructor() {
    this.signer = createRequestSigner(this.stationId, stationKeys(this.store.db).privateKey);
    cleanups.push(() => {
      this.store.close();
      rmSync(this.dir, { recursive: true, force: true });
    });
  }

  restart(): void {
    this.store.close();
    this.store = openStore(join(this.dir, 'station.db'));
  }

  /** Enrolls the station the short way: its row and public key, as enrollment leaves them. */
  async enrollAt(db: HubDb): Promise<void> {
    await enrollTestStation(db, { station: newTestStation(this.stationId, stationKeys(this.store.db).privateKey) });
  }
}

/**
 * A TCP relay in front of a hub, as a load balancer would be: it counts the bytes stations
 * send, can cut the link after a number of them, can be pointed at another hub, and notes
 * each response's Upload-Offset header.
 */
export interface Relay {
  url: string;
  target: number;
  bytesUp: number;
  offsetsSeen: number[];
  cutAfter(bytes: number): void;
}

export async function startRelay(target: number): Promise<Relay> {
  let budget = Number.POSITIVE_INFINITY;
  const sockets = new Set<Socket>();
  const relay: Relay = {
    url: '',
    target,
    bytesUp: 0,
    offsetsSeen: [],
    cutAfter: (bytes) => void (budget = bytes),
  };
  const server = createServer((client) => {
    const upstream = connect(relay.target, '127.0.0.1');
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    }
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
    client.on('end', () => upstream.end());
    upstream.on('end', () => client.end());
    client.on('data', (chunk: Buffer) => {
      if (chunk.length >= budget) {
        // Deliver exactly the budget, then drop the station's side as a dying link would.
        const head = chunk.subarray(0, budget);
        budget = Number.POSITIVE_INFINITY;
        relay.bytesUp += head.length;
        upstream.end(head);
        client.destroy();
        return;
      }
      budget -= chunk.length;
      relay.bytesUp += chunk.length;
      if (!upstream.write(chunk)) {
        client.pause();
        upstream.once('drain', () => client.resume());
      }
    });
    upstream.on('data', (chunk: Buffer) => {
      for (const match of chunk.toString('latin1').matchAll(/^upload-offset: (\d+)\r$/gim))
        relay.offsetsSeen.push(Number(match[1]));
      if (!client.destroyed) client.write(chunk);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  relay.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  cleanups.push(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  });
  return relay;
}

export interface UploadHub {
  port: number;
  url: string;
  close(): Promise<void>;
}

/** A hub instance listening on loopback; closed after the test unless `keep` (then by the caller). */
export async function startHub(db: HubDb, keep = false): Promise<UploadHub> {
  const app: FastifyInstance = await buildHub({ db, version: 'test', logger: false });
  await app.listen({ host: '127.0.0.1', port: 0 });
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => (closing ??= app.close());
  if (!keep) cleanups.push(close);
  const port = (app.server.address() as AddressInfo).port;
  return { port, url: `http://127.0.0.1:${port}`, close };
}

export function payload(bytes: number): { data: Buffer; sha256: string } {
  const data = randomBytes(bytes);
  return { data, sha256: createHash('sha256').update(data).digest('hex') };
}

export const uploadRow = async (db: HubDb, uploadId: string) =>
  (
    await db.query<{ upload_offset: string | number; state: string }>(
      'SELECT upload_offset, state FROM uploads WHERE upload_id = $1',
      [uploadId],
    )
  )[0];

export const countRows = async (db: HubDb, table: 'uploads' | 'upload_chunks'): Promise<number> =>
  Number((await db.query<{ n: string | number }>(`SELECT count(*) AS n FROM ${table}`))[0]!.n);

export const storedUrl = (station: UploadStation, sha256: string): string | undefined =>
  station.store.db
    .prepare<[string], { upload_url: string | null }>('SELECT upload_url FROM payload_uploads WHERE sha256 = ?')
    .get(sha256)?.upload_url ?? undefined;

/**
 * Waits until the hub has finished with the request the link dropped: it stored the bytes that
 * did arrive of the cut chunk (past `floor`), or nothing changed for a second; and no hub
 * process holds the upload's lock.
 */
export async function settled(db: HubDb, uploadId: string, floor: number): Promise<number> {
  let last = -1;
  let stableSince = Date.now();
  for (const end = Date.now() + 10_000; Date.now() < end;) {
    const [lock] = await db.query('SELECT 1 FROM upload_locks WHERE upload_id = $1', [uploadId]);
    const offset = Number((await uploadRow(db, uploadId))!.upload_offset);
    if (offset !== last) stableSince = Date.now();
    last = offset;
    if (!lock && (offset > floor || Date.now() - stableSince > 1_000)) return offset;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('the hub never settled the upload');
}

/**
 * Cuts an upload part-way through its third chunk, then lets the restarted station resume it,
 * possibly through another hub (`switchHub`). Checks the resumed attempt sent only what the
 * hub lacked, and that the hub holds the payload byte for byte.
 */
export async function interruptAndResume(db: HubDb, relay: Relay, switchHub?: () => Promise<void>): Promise<void> {
  const station = new UploadStation();
  await station.enrollAt(db);
  const { data, sha256 } = payload(PAYLOAD_BYTES);
  const upload = () =>
    uploadPayload({
      hubUrl: relay.url,
      signer: station.signer,
      db: station.store.db,
      sha256,
      mediaType: 'application/octet-stream',
      data,
      chunkSize: CHUNK_BYTES,
      retryDelays: [],
    });

  relay.cutAfter(2 * CHUNK_BYTES + CHUNK_BYTES / 3);
  await expect(upload()).rejects.toBeInstanceOf(HubUnreachable);
  const url = storedUrl(station, sha256);
  expect(url).toBeDefined();
  const uploadId = new URL(url!).pathname.split('/').at(-1)!;
  const ref = { uploadId, sha256, size: PAYLOAD_BYTES };
  const offset = await settled(db, uploadId, 2 * CHUNK_BYTES);
  expect(offset).toBeGreaterThanOrEqual(2 * CHUNK_BYTES);
  expect(offset).toBeLessThan(PAYLOAD_BYTES);
  expect(await payloadStatus(db, station.stationId, ref)).toBe('incomplete');

  await switchHub?.();
  station.restart();
  relay.bytesUp = 0;
  relay.offsetsSeen = [];
  expect(await upload()).toEqual({ uploadId });
  // The resumed attempt asked the hub where it stood (HEAD) and sent only the rest, plus headers.
  expect(relay.offsetsSeen[0]).toBe(offset);
  expect(relay.bytesUp).toBeGreaterThan(PAYLOAD_BYTES - offset);
  expect(relay.bytesUp).toBeLessThan(PAYLOAD_BYTES - offset + 16 * 1024);

  expect(await payloadStatus(db, station.stationId, ref)).toBe('complete');
  const stored = await readPayload(db, uploadId);
  expect(stored?.data.equals(data)).toBe(true);
  expect(stored).toMatchObject({ stationId: station.stationId, sha256, mediaType: 'application/octet-stream' });

  // Asked again for the same payload, the station answers from its own records.
  relay.bytesUp = 0;
  expect(await upload()).toEqual({ uploadId });
  expect(relay.bytesUp).toBe(0);
}
