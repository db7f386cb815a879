import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSOLE_CSP, serveConsole } from './console-static.js';

const dirs: string[] = [];
const apps: FastifyInstance[] = [];

async function consoleApp(files: Record<string, string>): Promise<FastifyInstance> {
  const dir = mkdtempSync(join(tmpdir(), 'cunyi-console-'));
  dirs.push(dir);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  const app = Fastify({ logger: false });
  apps.push(app);
  await app.register(serveConsole, { consoleDir: dir });
  return app;
}

let built: FastifyInstance;
let missing: FastifyInstance;

beforeAll(async () => {
  built = await consoleApp({
    'index.html': '<!doctype html><title>console</title>',
    'assets/index-abc123.js': 'console.log(1)',
    '.env': 'SECRET=1',
  });
  missing = await consoleApp({});
});
afterAll(async () => {
  await Promise.all(apps.map((app) => app.close()));
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('the hub console at /console/', () => {
  it('serves the built page and its assets under a strict CSP', async () => {
    const page = await built.inject({ method: 'GET', url: '/console/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.body).toContain('<title>console</title>');
    expect(page.headers['content-security-policy']).toBe(CONSOLE_CSP);
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect(page.headers['cache-control']).toBe('no-cache');
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);

    const asset = await built.inject({ method: 'GET', url: '/console/assets/index-abc123.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['content-security-policy']).toBe(CONSOLE_CSP);
  });

  it('sends /console to /console/ and hides dot files', async () => {
    const bare = await built.inject({ method: 'GET', url: '/console' });
    expect(bare.statusCode).toBe(302);
    expect(bare.headers.location).toBe('/console/');
    expect((await built.inject({ method: 'GET', url: '/console/.env' })).statusCode).toBe(404);
    expect((await built.inject({ method: 'GET', url: '/console/../package.json' })).statusCode).toBe(404);
  });

  it('says how to build it when it has not been built, and the hub still answers', async () => {
    for (const url of ['/console', '/console/', '/console/assets/x.js']) {
      const response = await missing.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(503);
      expect(response.body).toContain('npm run build:console');
      expect(response.headers['content-security-policy']).toBe(CONSOLE_CSP);
    }
  });
});
