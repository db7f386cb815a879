import { readFile, realpath, stat } from 'node:fs/promises';
import { relative, isAbsolute } from 'node:path';
import { protocol } from 'electron';
import type { Protocol } from 'electron';
import { APP_SCHEME } from './app-origin.js';
import { resolveAppPath } from './app-path.js';
import { APP_CSP } from './csp.js';
import { mimeTypeOf } from './mime-types.js';

/**
 * Declares app:// as a standard, secure scheme. Electron only accepts this before `ready`;
 * without it the page would get an opaque origin, no fetch and no secure-context APIs
 * (getUserMedia needs a secure context).
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    // codeCache lets V8 reuse compiled renderer code between launches: a faster cold start on
    // the station's low-spec PC, and no change to what the page may do.
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

const BASE_HEADERS = {
  'content-security-policy': APP_CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-cache',
};

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: { ...BASE_HEADERS, 'content-type': 'text/plain; charset=utf-8' } });
}

async function isInside(root: string, path: string): Promise<boolean> {
  // Resolving links catches a symlink in the renderer folder that points elsewhere.
  const [realRoot, realPath] = await Promise.all([realpath(root), realpath(path)]);
  const inside = relative(realRoot, realPath);
  return inside !== '' && !inside.startsWith('..') && !isAbsolute(inside);
}

/** Answers one app:// request from the renderer folder `root`; every answer carries the CSP. */
export async function respondToAppRequest(root: string, request: Request): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed');
  const target = resolveAppPath(root, request.url);
  if (!target.ok) return plain(target.status, target.status === 404 ? 'Not found' : 'Bad request');
  try {
    const info = await stat(target.path);
    if (!info.isFile() || !(await isInside(root, target.path))) return plain(404, 'Not found');
    const body = request.method === 'HEAD' ? null : await readFile(target.path);
    return new Response(body, {
      status: 200,
      headers: { ...BASE_HEADERS, 'content-type': mimeTypeOf(target.path), 'content-length': String(info.size) },
    });
  } catch {
    return plain(404, 'Not found');
  }
}

/** Serves the built renderer on app:// (call after `ready`). */
export function serveAppProtocol(root: string, target: Pick<Protocol, 'handle'> = protocol): void {
  target.handle(APP_SCHEME, (request) => respondToAppRequest(root, request));
}
