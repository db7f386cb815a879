import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { defaultDataRoot } from '../main/config.js';
import { DEMO_ADMIN, DEMO_PIN, launchBrowserMode } from './lib/browser-mode.js';
import { DEMO_SPECIALISTS } from './lib/demo-secrets.js';
import { electronBinary } from './lib/electron-binary.js';
import { repoRoot, stopProcess } from './lib/processes.js';
import { ensureRendererBuilt } from './lib/renderer-build.js';

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

/** Browser mode: the station core and, unless CUNYI_HUB_URL names one, an embedded hub. */
async function startBrowserMode(): Promise<void> {
  const mode = await launchBrowserMode({
    dataRoot: process.env.CUNYI_DATA_ROOT ?? defaultDataRoot(),
    hubUrl: process.env.CUNYI_HUB_URL,
    stationDataDir: process.env.CUNYI_DATA_DIR,
    logLevel: process.env.CUNYI_LOG_LEVEL ?? 'warn',
    inheritStderr: true,
    onLine: (line) => console.log(line),
  });
  watch(mode.core, 'The station core');
  if (mode.hub) watch(mode.hub, 'The embedded hub');
  console.log(`Station ready: ${mode.stationUrl}`);
  if (mode.hub) console.log(`Demo doctor: 演示医生, PIN ${DEMO_PIN}`);
  console.log('Open that address in a browser on this machine. Press Ctrl+C to stop.');
  mode.hubReady.then(
    (url) => {
      if (!mode.hub) return;
      console.log(`Hub ready: ${url}`);
      if (!mode.demo) return;
      console.log(`Hub console: ${url}/console/  (admin: ${DEMO_ADMIN}, password ${mode.demo.adminPassword})`);
      const specialists = DEMO_SPECIALISTS.map((s) => s.username).join(', ');
      console.log(`Demo specialists: ${specialists}, password ${mode.demo.specialistPassword}`);
    },
    (error: unknown) => console.error(`The embedded hub did not start: ${String(error)}`),
  );
}

async function main(): Promise<void> {
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));
  const forced = process.env.CUNYI_BROWSER_MODE === '1';
  const binary = forced ? null : electronBinary();
  if (binary) {
    await startElectron(binary);
    return;
  }
  console.log(
    forced
      ? 'CUNYI_BROWSER_MODE=1: starting browser mode.'
      : 'Electron binary not installed (npm run electron:fetch-binary): starting browser mode.',
  );
  await startBrowserMode();
}

main().catch(async (error: unknown) => {
  console.error(`Could not start the station: ${error instanceof Error ? error.message : String(error)}`);
  await shutdown(1);
});
