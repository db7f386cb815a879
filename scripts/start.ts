import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { defaultDataRoot } from '../main/config.js';
import { electronBinary } from './lib/electron-binary.js';
import { freePort, repoRoot, spawnTs, stopProcess, waitForLine } from './lib/processes.js';
import { ensureRendererBuilt } from './lib/renderer-build.js';

const READY_TIMEOUT_MS = 60_000;
const children: ChildProcess[] = [];

async function shutdown(code: number): Promise<never> {
  await Promise.all(children.map((child) => stopProcess(child)));
  process.exit(code);
}

function watch(child: ChildProcess, name: string): void {
  children.push(child);
  child.once('exit', (code, signal) => {
    console.error(`${name} stopped (${signal ?? code}); shutting down.`);
    void shutdown(code ?? 1);
  });
}

async function startElectron(binary: string): Promise<void> {
  await ensureRendererBuilt((line) => console.log(line));
  const build = spawn(process.execPath, ['--import', 'tsx', 'scripts/build-electron.ts'], {
    cwd: repoRoot,
    stdio: 'inherit',
  });
  const built = await new Promise<number | null>((resolve) => build.once('exit', resolve));
  if (built !== 0) throw new Error('the Electron bundles did not build');
  watch(spawn(binary, [repoRoot, ...process.argv.slice(2)], { cwd: repoRoot, stdio: 'inherit' }), 'Electron');
}

/** Browser mode: an embedded hub (unless CUNYI_HUB_URL names one) and the station core. */
async function startBrowserMode(): Promise<void> {
  await ensureRendererBuilt((line) => console.log(line));
  const dataRoot = process.env.CUNYI_DATA_ROOT ?? defaultDataRoot();
  const quiet = { CUNYI_LOG_LEVEL: process.env.CUNYI_LOG_LEVEL ?? 'warn' };
  let hubUrl = process.env.CUNYI_HUB_URL;
  if (!hubUrl) {
    const port = await freePort();
    hubUrl = `http://127.0.0.1:${port}`;
    const hub = spawnTs(
      'hub/server/main.ts',
      { ...quiet, HUB_HOST: '127.0.0.1', HUB_PORT: String(port), HUB_DATA_DIR: join(dataRoot, 'hub') },
      { inheritStderr: true },
    );
    watch(hub, 'The embedded hub');
    void waitForLine(hub, /^Hub ready: (\S+)/, READY_TIMEOUT_MS).then(
      (match) => console.log(`Hub ready: ${match[1]}`),
      (error: unknown) => console.error(`The embedded hub did not start: ${String(error)}`),
    );
  }
  const core = spawnTs(
    'main/web/browser-main.ts',
    { ...quiet, CUNYI_HUB_URL: hubUrl, CUNYI_DATA_DIR: process.env.CUNYI_DATA_DIR ?? join(dataRoot, 'station') },
    { inheritStderr: true },
  );
  watch(core, 'The station core');
  const match = await waitForLine(core, /^Station ready: (\S+)/, READY_TIMEOUT_MS);
  console.log(`Station ready: ${match[1]}`);
  console.log('Open that address in a browser on this machine. Press Ctrl+C to stop.');
}

async function main(): Promise<void> {
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));
  const binary = process.env.CUNYI_BROWSER_MODE === '1' ? null : electronBinary();
  if (binary) {
    await startElectron(binary);
    return;
  }
  console.log(
    binary === null && process.env.CUNYI_BROWSER_MODE !== '1'
      ? 'Electron binary not installed (npm run electron:fetch-binary): starting browser mode.'
      : 'CUNYI_BROWSER_MODE=1: starting browser mode.',
  );
  await startBrowserMode();
}

main().catch(async (error: unknown) => {
  console.error(`Could not start the station: ${error instanceof Error ? error.message : String(error)}`);
  await shutdown(1);
});
