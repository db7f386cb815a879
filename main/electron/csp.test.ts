import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../csp.js';
import { APP_CSP } from './csp.js';

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(';').map((part) => {
      const [name = '', ...sources] = part.trim().split(/\s+/);
      return [name, sources];
    }),
  );
}

describe('the Electron shell CSP', () => {
  const policy = directives(APP_CSP);

  it('allows no inline code, no eval and no wasm eval', () => {
    expect(APP_CSP).not.toMatch(/unsafe-inline|unsafe-eval|wasm-unsafe-eval|unsafe-hashes|\*/);
  });

  it.each([
    ['default-src', ["'none'"]],
    ['script-src', ["'self'"]],
    ['style-src', ["'self'"]],
    ['img-src', ["'self'", 'data:', 'blob:']],
    ['media-src', ["'self'", 'blob:', 'mediastream:']],
    ['connect-src', ["'self'"]],
    ['font-src', ["'self'"]],
    ['base-uri', ["'none'"]],
    ['form-action', ["'none'"]],
    ['frame-ancestors', ["'none'"]],
    ['object-src', ["'none'"]],
  ])('sets %s to exactly %j', (name, sources) => {
    expect(policy.get(name)).toEqual(sources);
  });

  it('names each directive once', () => {
    const names = APP_CSP.split(';').map((part) => part.trim().split(/\s+/)[0]);
    expect(new Set(names).size).toBe(names.length);
  });
});

describe('contentSecurityPolicy (shared with the browser shell)', () => {
  it('adds extra connect-src sources after self and changes nothing else', () => {
    const withSocket = directives(contentSecurityPolicy({ connectSrc: ['ws://127.0.0.1:4100'] }));
    expect(withSocket.get('connect-src')).toEqual(["'self'", 'ws://127.0.0.1:4100']);
    const plain = directives(APP_CSP);
    for (const [name, sources] of plain) if (name !== 'connect-src') expect(withSocket.get(name)).toEqual(sources);
  });
});
