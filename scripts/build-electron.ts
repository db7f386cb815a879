// Bundles the Electron shell: main process, core utility process and preload, as CommonJS in
// dist-electron/. `npm run build:electron` runs this file; tests call buildElectron().
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { BuildOptions } from 'esbuild';

const repoRoot = fileURLToPath(new URL('../', import.meta.url));

/**
 * Loaded at run time, never bundled: electron itself, native addons (built per ABI, and
 * electron-builder rebuilds them for Electron), and ws's optional native speed-ups.
 */
export const NATIVE_EXTERNALS = [
  'electron',
  'better-sqlite3',
  'bindings',
  'serialport',
  '@serialport/*',
  'node-hid',
  'usb',
  'bufferutil',
  'utf-8-validate',
];

/** Electron 45 runs Node 22 and Chromium 140. */
const NODE_TARGET = 'node22';
const CHROME_TARGET = 'chrome140';

function common(root: string, outDir: string): BuildOptions {
  return {
    absWorkingDir: root,
    bundle: true,
    format: 'cjs',
    outdir: outDir,
    outExtension: { '.js': '.cjs' },
    sourcemap: 'linked',
    legalComments: 'none',
    logLevel: 'warning',
    // The entries are CommonJS: `import.meta.url` would be an empty object there and any path
    // built from it wrong. Failing the build beats a shim that points at the wrong folder.
    logOverride: { 'empty-import-meta': 'error' },
  };
}

/** Builds the three bundles into `outDir` and returns their paths. */
export async function buildElectron(outDir = join(repoRoot, 'dist-electron'), root = repoRoot): Promise<string[]> {
  await Promise.all([
    build({
      ...common(root, outDir),
      entryPoints: [
        { in: 'main/electron/main.ts', out: 'main' },
        { in: 'main/electron/core-process.ts', out: 'core' },
      ],
      platform: 'node',
      target: NODE_TARGET,
      external: NATIVE_EXTERNALS,
    }),
    build({
      ...common(root, outDir),
      entryPoints: [{ in: 'preload/index.ts', out: 'preload' }],
      // A sandboxed preload can require only electron: 'browser' makes any Node built-in that
      // sneaks into its import graph a build error instead of a runtime one.
      platform: 'browser',
      target: CHROME_TARGET,
      // It is parsed on every page load of a low-spec PC; main and core stay readable for logs.
      minify: true,
      external: ['electron'],
    }),
  ]);
  return ['main.cjs', 'core.cjs', 'preload.cjs'].map((name) => join(outDir, name));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  buildElectron().then(
    (files) => console.log(`Built ${files.length} Electron bundles in dist-electron/`),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exit(1);
    },
  );
}
