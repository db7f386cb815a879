import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** Where `npm run build:console` (and every `npm start` / `npm test`) puts the built hub console. */
export const DEFAULT_CONSOLE_DIR = fileURLToPath(new URL('../../../dist/console', import.meta.url));

/** The console's own scripts, styles and API only: no inline code, no eval, no framing. */
export const CONSOLE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  // Call video comes as MediaStreams; stills in an audio-only call are blob: images.
  "media-src 'self' blob: mediastream:",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

const SECURITY_HEADERS = {
  'content-security-policy': CONSOLE_CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

const NOT_BUILT =
  '云医院控制台尚未构建：请运行 npm run build:console，然后重启云医院服务器。\n' +
  'The hub console has not been built: run `npm run build:console`, then restart the hub.\n';

/**
 * Serves the built console at /console/ with a strict CSP. Without a build the hub still
 * starts, and /console/ says how to build it (503) instead of failing.
 */
export async function serveConsole(scope: FastifyInstance, options: { consoleDir: string }): Promise<void> {
  scope.addHook('onRequest', async (_request, reply) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) void reply.header(name, value);
  });
  // Checked once at start: rebuilding while the hub runs works (files are read per request),
  // building for the first time needs a restart.
  const built = existsSync(join(options.consoleDir, 'index.html'));
  if (!built) {
    const answer = async (_request: FastifyRequest, reply: FastifyReply) =>
      reply.code(503).type('text/plain; charset=utf-8').send(NOT_BUILT);
    scope.get('/console', answer);
    scope.get('/console/*', answer);
    return;
  }
  scope.get('/console', async (_request, reply) => reply.redirect('/console/'));
  await scope.register(fastifyStatic, {
    root: options.consoleDir,
    prefix: '/console/',
    decorateReply: false,
    index: 'index.html',
    dotfiles: 'ignore',
    // Asset names carry a content hash; index.html does not and must always be fetched fresh.
    setHeaders: (reply, path) => {
      if (path.endsWith('.html')) void reply.header('cache-control', 'no-cache');
    },
  });
}
