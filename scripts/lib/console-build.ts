import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './processes.js';

/** The console's own sources, the admin API shapes it bundles from the hub and the shared UI pieces. */
const SOURCES = [
  join('hub', 'console'),
  join('hub', 'server', 'admin', 'admin-wire.ts'),
  join('renderer', 'components'),
];
export const consoleOutDir = join(repoRoot, 'dist', 'console');

function newestMtime(path: string): number {
  if (!statSync(path).isDirectory()) return statSync(path).mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    newest = Math.max(newest, newestMtime(join(path, entry.name)));
  }
  return newest;
}

/** True when dist/console is missing or older than any console source. */
export function consoleIsStale(): boolean {
  const index = join(consoleOutDir, 'index.html');
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
  return SOURCES.some((source) => newestMtime(join(repoRoot, source)) > built);
}

/** Builds the hub console with Vite when it is missing or stale; the hub serves it at /console/. */
export async function ensureConsoleBuilt(log: (line: string) => void = () => undefined): Promise<void> {
  if (!consoleIsStale()) return;
  log('Building the hub console…');
  const { build } = await import('vite');
  await build({ configFile: join(repoRoot, 'hub', 'console', 'vite.config.ts'), logLevel: 'warn' });
}
