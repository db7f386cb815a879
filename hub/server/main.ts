import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { bootstrapFromConfig } from './admin/index.js';
import { buildHub } from './app.js';
import { openHubDb } from './db.js';
import type { HubDb } from './db.js';
import { iceConfigFor } from './calls/ice-servers.js';
import { hubUrl, readHubConfig } from './hub-config.js';
import { migrate } from './migrate.js';

const hubVersion = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

// Promises, so a signal that arrives while either is still opening waits for it and closes it:
// a PGlite folder abandoned halfway through its first initialisation would not open again.
let db: Promise<HubDb> | undefined;
let app: Promise<FastifyInstance> | undefined;
let stopping: Promise<void> | undefined;

const settled = <T>(value: Promise<T> | undefined): Promise<T | undefined> =>
  value ? value.catch(() => undefined) : Promise.resolve(undefined);

/** Closes what is open, server first so no request lands on a closed database, then exits. */
function shutdown(code: number): Promise<void> {
  stopping ??= (async () => {
    try {
      await (await settled(app))?.close();
      await (await settled(db))?.close();
    } catch (error) {
      process.stderr.write(`Hub did not stop cleanly: ${String(error)}\n`);
      code = 1;
    }
    process.exit(code);
  })();
  return stopping;
}

function onSignal(): void {
  // A second Ctrl+C while closing means "now": leave without waiting any longer.
  if (stopping) process.exit(1);
  void shutdown(0);
}

/** Entry of the hub server (`npm run hub`): stdout carries the one ready line, logs go to stderr. */
async function main(): Promise<void> {
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  // Started by `npm start`: when the launcher dies, even by SIGKILL, its pipe closes; follow it.
  if (process.env.CUNYI_EXIT_WITH_PARENT === '1') process.stdin.once('end', onSignal).resume();
  const config = readHubConfig(process.env);
  const logger = pino({ name: 'hub', level: config.logLevel }, pino.destination(2));
  db = openHubDb(config);
  const database = await db;
  const schemaVersion = await migrate(database);
  await bootstrapFromConfig(database, config, logger);
  // A signal during startup closes what is open; carry on only if none came.
  if (stopping) return;
  app = buildHub({
    db: database,
    version: hubVersion,
    logger,
    widenAfterMs: config.widenAfterMs,
    iceConfig: (participant) => iceConfigFor(config.ice, participant, new Date()),
  });
  const server = await app;
  await server.listen({ host: config.host, port: config.port });
  if (stopping) return;
  const { port } = server.server.address() as AddressInfo;
  process.stdout.write(`Hub ready: ${hubUrl(config.host, port)}\n`);
  logger.info({ database: database.kind, schemaVersion, version: hubVersion }, 'hub started');
}

main().catch((error: unknown) => {
  // Closing the database under a running migration makes it fail: that is the signal, not news.
  if (stopping) return;
  process.stderr.write(`Hub failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  void shutdown(1);
});
