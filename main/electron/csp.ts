import { contentSecurityPolicy } from '../csp.js';

/**
 * The policy every app:// response carries. The Electron shell talks to the core over IPC, so
 * unlike the browser shell it needs no connect-src beyond 'self'.
 */
export const APP_CSP = contentSecurityPolicy();
