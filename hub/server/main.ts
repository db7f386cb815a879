import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import pino from 'pino';
import { z } from 'zod';
import { buildHub } from './app.js';
import { openHubDb } from './db.js';
import { migrate } from './migrate.js';

const Env = z.object({
  HUB_HOST: z.string().min(1).default('127.0.0.1'),
  HUB_PORT: z.coerce.number().int().min(0).max(65535).default(8710),
  HUB_DATABASE_URL: z.string().min(1).optional(),
  HUB_DATA_DIR: z.string().min(1).default('./.data/hub'),
  CUNYI_LOG_LEVEL: z.string().default('info'),
});

/** Entry of the hub server: `npm run hub`. */
async function main(): Promise<void> {
  const env = Env.parse(process.env);
  const logger = pino({ name: 'hub', level: env.CUNYI_LOG_LEVEL }, pino.destination(2));
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  const db = await openHubDb({ databaseUrl: env.HUB_DATABASE_URL, dataDir: resolve(env.HUB_DATA_DIR) });
  const schemaVersion = await migrate(db);
  const app = await buildHub({ db, schemaVersion, version: pkg.version, logger });
  await app.listen({ host: env.HUB_HOST, port: env.HUB_PORT });
  const { port } = app.server.address() as AddressInfo;
  process.stdout.write(`Hub ready: http://${env.HUB_HOST}:${port}\n`);
  logger.info({ database: db.kind, schemaVersion }, 'hub started');

  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    void app
      .close()
      .then(() => db.close())
      .then(
        () => process.exit(0),
        () => process.exit(1),
      );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`Hub failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
