import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rebuild } from '@electron/rebuild';
import { repoRoot } from './lib/processes.js';

/**
 * Builds better-sqlite3 for Electron's ABI into dist-electron/native/, beside (not over) the
 * Node build that tests and browser mode use; the shell loads it through `nativeBinding`
 * (DESIGN.md, "Native modules"). Needs Electron's headers, so it runs where Electron's
 * download host is reachable: `npm run electron:fetch-binary` calls it.
 */
async function main(): Promise<void> {
  const electronVersion = (
    JSON.parse(readFileSync(join(repoRoot, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string }
  ).version;
  const project = mkdtempSync(join(tmpdir(), 'cunyi-electron-sqlite-'));
  try {
    const moduleDir = join(project, 'node_modules', 'better-sqlite3');
    cpSync(join(repoRoot, 'node_modules', 'better-sqlite3'), moduleDir, {
      recursive: true,
      filter: (source) => !source.includes(`${join('better-sqlite3', 'build')}`),
    });
    cpSync(join(repoRoot, 'package.json'), join(project, 'package.json'));
    await rebuild({
      buildPath: project,
      electronVersion,
      onlyModules: ['better-sqlite3'],
      force: true,
      buildFromSource: true,
    });
    const outDir = join(repoRoot, 'dist-electron', 'native');
    mkdirSync(outDir, { recursive: true });
    cpSync(join(moduleDir, 'build', 'Release', 'better_sqlite3.node'), join(outDir, 'better_sqlite3.node'));
    console.log(`better-sqlite3 for Electron ${electronVersion}: ${join(outDir, 'better_sqlite3.node')}`);
  } finally {
    rmSync(project, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(
    `Could not build better-sqlite3 for Electron: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
});
