import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildElectron } from './build-electron.js';

const repoRoot = fileURLToPath(new URL('../', import.meta.url));
const outDir = mkdtempSync(join(tmpdir(), 'cunyi-build-electron-'));
let files: string[] = [];

const requires = (code: string): string[] =>
  [...code.matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((match) => match[1]!);

beforeAll(async () => {
  files = await buildElectron(outDir);
}, 60_000);
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe('build:electron', () => {
  it('writes main.cjs, core.cjs and preload.cjs', () => {
    expect(files.map((f) => f.slice(outDir.length + 1))).toEqual(['main.cjs', 'core.cjs', 'preload.cjs']);
    for (const file of files) expect(existsSync(file), file).toBe(true);
  });

  it('gives the sandboxed preload nothing to require but electron', () => {
    const code = readFileSync(join(outDir, 'preload.cjs'), 'utf8');
    expect(requires(code)).toEqual(['electron']);
    expect(code).not.toMatch(/\bimport\.meta\b/);
  });

  it('runs the preload with only electron available and exposes window.station', () => {
    const exposed = new Map<string, unknown>();
    const electron = {
      contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
      ipcRenderer: {
        invoke: async () => undefined,
        send: () => undefined,
        on: () => undefined,
        removeListener: () => undefined,
      },
    };
    const module = { exports: {} };
    runInNewContext(readFileSync(join(outDir, 'preload.cjs'), 'utf8'), {
      module,
      exports: module.exports,
      require: (name: string) => {
        if (name !== 'electron') throw new Error(`a sandboxed preload cannot require ${name}`);
        return electron;
      },
    });
    expect([...exposed.keys()]).toEqual(['station']);
    const api = exposed.get('station') as { station: Record<string, unknown> };
    expect(typeof api.station.info).toBe('function');
  });

  it('keeps electron out of the core bundle and native addons out of every bundle', () => {
    const core = requires(readFileSync(join(outDir, 'core.cjs'), 'utf8'));
    const main = requires(readFileSync(join(outDir, 'main.cjs'), 'utf8'));
    expect(core).not.toContain('electron');
    expect(core).toContain('better-sqlite3');
    expect(main).toContain('electron');
    expect(main).not.toContain('better-sqlite3');
  });

  it('produces a core bundle that loads in plain Node and refuses to run outside a utility process', () => {
    const run = spawnSync(process.execPath, [join(outDir, 'core.cjs')], {
      env: { ...process.env, NODE_PATH: join(repoRoot, 'node_modules') },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(run.stderr).toContain('process.parentPort is missing');
    expect(run.status).toBe(1);
  });
});
