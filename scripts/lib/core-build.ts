import { join } from 'node:path';
import { build } from 'esbuild';
import type { BuildOptions } from 'esbuild';
import { repoRoot } from './processes.js';

/** The browser-mode core, bundled: plain Node starts it without compiling TypeScript. */
export const coreBundle = join(repoRoot, 'dist', 'core', 'browser-main.mjs');

/** How Node entry points are bundled: ESM for Node 20, dependencies left in node_modules. */
export const NODE_BUNDLE = {
  absWorkingDir: repoRoot,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
} as const satisfies BuildOptions;

/**
 * Bundles main/web/browser-main.ts with esbuild (tens of milliseconds, so it runs on every
 * start instead of tracking staleness). Dependencies stay in node_modules.
 */
export async function buildCore(): Promise<string> {
  await build({ ...NODE_BUNDLE, entryPoints: ['main/web/browser-main.ts'], outfile: coreBundle });
  return coreBundle;
}
