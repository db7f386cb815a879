import http from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { z } from 'zod';

/**
 * The PouchDB side of the comparison peer: typed handles on pouchdb-node and express-pouchdb
 * (neither ships types), and the "hub": express-pouchdb served with node:http on 127.0.0.1.
 *
 * express-pouchdb runs in its 'minimumForPouchDB' mode, the parts of the CouchDB API that
 * replication uses: the full mode would write config.json and a request log into the working
 * folder and wrap every database in auth and validation layers that a replicating hub would not
 * need for this comparison.
 */

const require = createRequire(import.meta.url);

export interface PouchDoc {
  _id: string;
  [field: string]: unknown;
}

export interface PouchDatabase {
  bulkDocs(docs: PouchDoc[]): Promise<Array<{ ok?: boolean; error?: string; id?: string }>>;
  put(doc: PouchDoc): Promise<{ ok: boolean }>;
  get(id: string): Promise<PouchDoc>;
  info(): Promise<{ doc_count: number }>;
  close(): Promise<void>;
}

export interface PouchStatic {
  new (name: string): PouchDatabase;
  defaults(options: { prefix: string }): PouchStatic;
  replicate(
    source: PouchDatabase,
    target: string,
  ): Promise<{ ok: boolean; docs_written: number; doc_write_failures: number }>;
}

type ExpressPouchDB = (pouch: PouchStatic, options: { mode: 'minimumForPouchDB' }) => http.RequestListener;

/** pouchdb-node itself, with its default (LevelDB) adapter. */
export const loadPouchDB = (): PouchStatic => require('pouchdb-node') as PouchStatic;

/** pouchdb-node storing its databases under `dir`. */
export const pouchIn = (dir: string): PouchStatic => loadPouchDB().defaults({ prefix: `${dir}/` });

/** Wall-clock milliseconds with sub-millisecond precision, comparable across processes. */
export const epochMs = (): number => performance.timeOrigin + performance.now();

export interface PouchHub {
  readonly db: PouchDatabase;
  readonly url: string;
  close(): Promise<void>;
}

/** Creates database `hub` under `dir` and serves it over HTTP on a free loopback port. */
export async function startPouchHub(dir: string): Promise<PouchHub> {
  const HubPouch = pouchIn(dir);
  const db = new HubPouch('hub');
  await db.info(); // creates it, so replication finds its target
  const app = (require('express-pouchdb') as ExpressPouchDB)(HubPouch, { mode: 'minimumForPouchDB' });
  const server = http.createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  return {
    db,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hub`,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await db.close().catch(() => undefined);
    },
  };
}

/**
 * Resolves with the time (epochMs) `id` became readable in `db`, polling every 10 ms. The live
 * changes feed would be the obvious tool, but it lags a busy replication by tens of milliseconds;
 * a get by id costs a fraction of a millisecond.
 */
export function whenReadable(db: PouchDatabase, id: string): { arrival: Promise<number>; stop(): void } {
  let timer: NodeJS.Timeout | undefined;
  const arrival = new Promise<number>((resolve) => {
    timer = setInterval(() => {
      db.get(id).then(
        () => {
          clearInterval(timer);
          resolve(epochMs());
        },
        () => undefined,
      );
    }, 10);
  });
  return { arrival, stop: () => clearInterval(timer) };
}

/** What pouch-peer.ts asks of a hub in a child process (pouch-hub-child.ts), and what it answers. */
export const ToPouchHub = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('watch'), id: z.string() }),
  z.object({ kind: z.literal('count') }),
]);
export type ToPouchHub = z.infer<typeof ToPouchHub>;
export const FromPouchHub = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('ready'), url: z.string() }),
  z.object({ kind: z.literal('landed'), at: z.number() }),
  z.object({ kind: z.literal('count'), count: z.number() }),
]);

export type FromPouchHub = z.infer<typeof FromPouchHub>;
