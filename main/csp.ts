/** Extra sources a shell needs beyond the app's own origin. */
export interface CspOptions {
  /** Where the page may open connections, e.g. the browser shell's own socket. */
  connectSrc?: readonly string[];
}

/**
 * The renderer's Content-Security-Policy, shared by both shells: only the app's own scripts and
 * styles, no inline code, no eval, no plugins, no framing, no form posts.
 */
export function contentSecurityPolicy(options: CspOptions = {}): string {
  const directives: Record<string, readonly string[]> = {
    'default-src': ["'none'"],
    'script-src': ["'self'"],
    'style-src': ["'self'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'media-src': ["'self'", 'blob:', 'mediastream:'],
    'font-src': ["'self'"],
    'connect-src': ["'self'", ...(options.connectSrc ?? [])],
    'manifest-src': ["'self'"],
    'worker-src': ["'self'"],
    'base-uri': ["'none'"],
    'form-action': ["'none'"],
    'frame-ancestors': ["'none'"],
    'object-src': ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}
