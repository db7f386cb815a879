import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ensureConsoleBuilt } from './console-build.js';
import { repoRoot } from './processes.js';

const SOURCES = ['renderer', 'contract'];
export const rendererOutDir = join(repoRoot, 'dist', 'renderer');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** True when dist/renderer is missing or older than any renderer or contract source. */
export function rendererIsStale(): boolean {
  const index = join(rendererOutDir, 'index.html');
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
  return SOURCES.some((dir) => newestMtime(join(repoRoot, dir)) > built);
}

/** Builds the renderer with Vite when it is missing or stale, and the hub console with it. */
export async function ensureRendererBuilt(log: (line: string) => void = () => undefined): Promise<void> {
  // Whoever serves the renderer (npm start, the tests) may start a hub, which serves the console.
  await ensureConsoleBuilt(log);
  if (!rendererIsStale()) return;
  log('Building the renderer…');
  const { build } = await import('vite');
  await build({ configFile: join(repoRoot, 'renderer', 'vite.config.ts'), logLevel: 'warn' });
}
