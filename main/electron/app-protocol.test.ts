import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { app, protocol, resetElectronMock } from '../../test/mocks/electron.js';
import { registerAppScheme, respondToAppRequest, serveAppProtocol } from './app-protocol.js';
import { APP_CSP } from './csp.js';

vi.mock('electron', () => import('../../test/mocks/electron.js'));

let base: string;
let root: string;

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'cunyi-app-protocol-'));
  root = join(base, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>station</title>');
  writeFileSync(join(root, 'assets', 'main.js'), 'console.log(1)');
  writeFileSync(join(root, 'assets', 'main.css'), 'body{}');
  writeFileSync(join(root, 'assets', 'blob.bin'), Buffer.from([1, 2, 3]));
  writeFileSync(join(base, 'secret.txt'), 'patient data');
  symlinkSync(join(base, 'secret.txt'), join(root, 'assets', 'link.txt'));
});

afterAll(() => rmSync(base, { recursive: true, force: true }));
beforeEach(() => resetElectronMock());

const get = (url: string, method = 'GET'): Promise<Response> => respondToAppRequest(root, new Request(url, { method }));

describe('app:// scheme', () => {
  it('is registered as standard, secure and fetch-capable (with code cache) before ready', () => {
    registerAppScheme();
    expect(protocol.privileged).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
    ]);
  });

  it('does not grant bypassCSP, CORS or service workers', () => {
    registerAppScheme();
    const privileges = protocol.privileged[0]?.privileges ?? {};
    expect(privileges.bypassCSP).toBeUndefined();
    expect(privileges.corsEnabled).toBeUndefined();
    expect(privileges.allowServiceWorkers).toBeUndefined();
  });

  it('fails loudly when registered after ready (Electron would ignore it)', async () => {
    await app.becomeReady();
    expect(() => registerAppScheme()).toThrow(/before the app is ready/);
  });

  it('serves the renderer folder through protocol.handle', async () => {
    serveAppProtocol(root);
    const handler = protocol.handlers.get('app');
    expect(handler).toBeDefined();
    const response = await handler!(new Request('app://station/index.html'));
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>station</title>');
  });
});

describe('respondToAppRequest', () => {
  it.each([
    ['app://station/', 'text/html; charset=utf-8'],
    ['app://station/index.html', 'text/html; charset=utf-8'],
    ['app://station/assets/main.js', 'text/javascript; charset=utf-8'],
    ['app://station/assets/main.css', 'text/css; charset=utf-8'],
    ['app://station/assets/blob.bin', 'application/octet-stream'],
  ])('serves %s as %s with the CSP and nosniff', async (url, type) => {
    const response = await get(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(type);
    expect(response.headers.get('content-security-policy')).toBe(APP_CSP);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('answers HEAD without a body', async () => {
    const response = await get('app://station/assets/main.js', 'HEAD');
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
  });

  it.each([
    ['app://station/missing.js', 404],
    ['app://station/assets', 404],
    ['app://station/assets/', 404],
    ['app://other/index.html', 404],
    ['app://station/assets/link.txt', 404],
    // Request (like Chromium) folds the dot segments first: what is left, /secret.txt, is not in the root.
    ['app://station/assets/%2e%2e/%2e%2e/secret.txt', 404],
    ['app://station/..%2fsecret.txt', 400],
    ['app://station/index.html%00', 400],
  ])('refuses %s with %i, CSP included, nothing leaked', async (url, status) => {
    const response = await get(url);
    expect(response.status).toBe(status);
    expect(response.headers.get('content-security-policy')).toBe(APP_CSP);
    expect(await response.text()).not.toContain('patient data');
  });

  it('refuses methods other than GET and HEAD', async () => {
    const response = await get('app://station/index.html', 'POST');
    expect(response.status).toBe(405);
  });
});
