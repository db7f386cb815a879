import type { WebContents } from 'electron';
import { describe, expect, it } from 'vitest';
import { MockWebContents, real } from '../../test/mocks/electron.js';
import { guardNavigation } from './navigation.js';

function guarded(): MockWebContents {
  const contents = new MockWebContents();
  guardNavigation(real<WebContents>(contents));
  return contents;
}

const foreign = [
  'https://example.com/',
  'http://127.0.0.1:8080/',
  'file:///etc/passwd',
  'app://evil/index.html',
  'app://station.evil.com/',
  'app://station:99/index.html',
  'app://user@station/index.html',
  'javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'chrome://settings',
  'devtools://devtools/bundled/inspector.html',
  '',
  'not a url',
];

describe('guardNavigation', () => {
  it.each(['will-navigate', 'will-redirect', 'will-frame-navigate'] as const)(
    '%s away from the app is cancelled',
    (event) => {
      const contents = guarded();
      for (const url of foreign) expect(contents.attempt(event, url), `${event} ${url}`).toBe(true);
    },
  );

  it.each(['will-navigate', 'will-redirect', 'will-frame-navigate'] as const)(
    '%s within app://station goes ahead',
    (event) => {
      const contents = guarded();
      expect(contents.attempt(event, 'app://station/index.html')).toBe(false);
      expect(contents.attempt(event, 'app://station/index.html#/patients')).toBe(false);
    },
  );

  it('denies every new window, the app’s own origin included', () => {
    const contents = guarded();
    expect(contents.tryOpen('https://example.com/')).toBe('deny');
    expect(contents.tryOpen('app://station/index.html')).toBe('deny');
  });

  it('refuses to attach a webview', () => {
    const contents = guarded();
    expect(contents.attemptWebview('https://example.com/')).toBe(true);
    expect(contents.attemptWebview('app://station/index.html')).toBe(true);
  });

  it('does nothing without the guard (the mock itself lets everything through)', () => {
    const contents = new MockWebContents();
    expect(contents.attempt('will-navigate', 'https://example.com/')).toBe(false);
    expect(contents.tryOpen('https://example.com/')).toBe('allow');
  });
});
