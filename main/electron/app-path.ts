import { isAbsolute, posix, relative, resolve } from 'node:path';
import { APP_HOST, APP_SCHEME } from './app-origin.js';

/** Where an app:// request leads: a file inside the renderer folder, or a refusal. */
export type AppPathResult = { ok: true; path: string } | { ok: false; status: 400 | 404 };

const refuse = (status: 400 | 404): AppPathResult => ({ ok: false, status });

/**
 * Maps an app:// URL to a file inside `root`, refusing anything that could leave it.
 *
 * Chromium already folds plain `..` and `%2e%2e` segments before a request reaches the
 * handler, but this check does not rely on it: it reads the path as written and again after
 * decoding, and refuses every dot segment, separator trick, drive letter or control character
 * it finds rather than normalizing it into something harmless. Real renderer assets need none.
 */
export function resolveAppPath(root: string, requestUrl: string): AppPathResult {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return refuse(400);
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST || url.username || url.password) return refuse(404);

  // The path exactly as written: URL parsing would already have folded `..` and `%2e%2e`
  // segments away, hiding the attempt instead of refusing it.
  const raw = /^[a-z][a-z\d+.-]*:\/\/[^/?#]*([^?#]*)/i.exec(requestUrl)?.[1] ?? '';
  // Encoded separators, NUL and backslashes: legitimate assets have none of them.
  if (/%(?:2f|5c|00)|\\/i.test(raw)) return refuse(400);
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return refuse(400);
  }
  // A '%' that survives one decoding is double encoding; ':' would let Windows read a drive;
  // control characters (NUL above all) can cut a path short in native code.
  if (/[%\\:]|\p{Cc}/u.test(decoded)) return refuse(400);
  const segments = decoded.split('/');
  if (segments.some((segment) => segment === '.' || segment === '..')) return refuse(400);
  // `//host/x` after the root would be a UNC path on Windows.
  if (decoded.startsWith('//')) return refuse(400);

  const relativePath = decoded === '' || decoded === '/' ? 'index.html' : posix.normalize(decoded).replace(/^\/+/, '');
  if (relativePath === '' || isAbsolute(relativePath)) return refuse(400);

  const rootPath = resolve(root);
  const path = resolve(rootPath, relativePath);
  const inside = relative(rootPath, path);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return refuse(400);
  return { ok: true, path };
}
