import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveAppPath } from './app-path.js';

const root = resolve('/srv/cunyi/dist/renderer');

describe('resolveAppPath', () => {
  it.each([
    ['app://station/', 'index.html'],
    ['app://station', 'index.html'],
    ['app://station/index.html', 'index.html'],
    ['app://station/assets/index-3f2a.js', 'assets/index-3f2a.js'],
    ['app://station/assets/style.css?v=2#x', 'assets/style.css'],
    ['app://station/fonts/Noto%20Sans%20SC.woff2', 'fonts/Noto Sans SC.woff2'],
    ['app://station/locales/%E4%B8%AD%E6%96%87.json', 'locales/中文.json'],
  ])('serves %s from inside the renderer folder', (url, file) => {
    expect(resolveAppPath(root, url)).toEqual({ ok: true, path: join(root, file) });
  });

  it.each([
    'app://station/../etc/passwd',
    'app://station/assets/../../etc/passwd',
    'app://station/%2e%2e/etc/passwd',
    'app://station/%2E%2E/%2E%2E/etc/passwd',
    'app://station/.%2e/etc/passwd',
    'app://station/%2e./etc/passwd',
    'app://station/..%2fetc%2fpasswd',
    'app://station/..%2Fetc%2Fpasswd',
    'app://station/assets%2f..%2f..%2fetc%2fpasswd',
    'app://station/%252e%252e/etc/passwd',
    'app://station/%25%32%65%25%32%65/etc/passwd',
    'app://station/..%5c..%5cwindows%5cwin.ini',
    'app://station/..\\..\\windows\\win.ini',
    'app://station/assets\\..\\..\\secret',
    'app://station/%5c%5cserver%5cshare',
    'app://station//etc/passwd',
    'app://station///etc/passwd',
    'app://station/C:/Windows/win.ini',
    'app://station/C%3A/Windows/win.ini',
    'app://station/c:%5cwindows',
    'app://station/index.html%00.png',
    'app://station/index.html%00',
    'app://station/%00',
    'app://station/a%0a/b',
    'app://station/a%7f',
    'app://station/%E0%A4%A',
    'app://station/%',
    'app://station/./index.html',
    'app://station/assets/./x.js',
    'app://station/%2e/index.html',
    'app://station/..',
    'app://station/assets/..',
  ])('refuses %s', (url) => {
    const result = resolveAppPath(root, url);
    expect(result.ok).toBe(false);
  });

  it.each([
    'app://evil/index.html',
    'app://station.evil/index.html',
    'app://evil.station/index.html',
    'app://station:8080/index.html',
    'app://user@station/index.html',
    'app://user:pw@station/index.html',
    'http://station/index.html',
    'file:///etc/passwd',
    'https://example.com/index.html',
  ])('answers 404 for %s, which is not app://station', (url) => {
    expect(resolveAppPath(root, url)).toEqual({ ok: false, status: 404 });
  });

  it('answers 400 for a string that is not a URL at all', () => {
    expect(resolveAppPath(root, 'not a url')).toEqual({ ok: false, status: 400 });
    expect(resolveAppPath(root, '')).toEqual({ ok: false, status: 400 });
  });

  it('never resolves outside the root, whatever the input (generated paths)', () => {
    const pieces = [
      '..',
      '.',
      '%2e',
      '%2e%2e',
      '%2f',
      '%5c',
      '\\',
      '/',
      'a',
      'assets',
      '%00',
      '%25',
      ':',
      'C:',
      '%3a',
      '~',
    ];
    let seed = 7;
    const next = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    for (let i = 0; i < 5000; i++) {
      const length = 1 + (next() % 6);
      const path = Array.from({ length }, () => pieces[next() % pieces.length]).join(next() % 2 ? '/' : '');
      const result = resolveAppPath(root, `app://station/${path}`);
      if (result.ok) {
        expect(result.path === root || result.path.startsWith(root + '/') || result.path.startsWith(root + '\\')).toBe(
          true,
        );
        expect(result.path).not.toBe(root);
      }
    }
  });
});
