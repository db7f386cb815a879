import type { FastifyRequest } from 'fastify';
import { AdminError } from './admin-errors.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** True when an Origin header names the host the request was sent to. */
function sameHost(origin: string, host: string | undefined): boolean {
  if (host === undefined) return false;
  try {
    // The host, not the scheme: behind a TLS-terminating proxy the hub itself sees plain http.
    return new URL(origin).host === host.toLowerCase();
  } catch {
    // "null" (sandboxed frames, some redirects) and garbage are foreign by definition.
    return false;
  }
}

/**
 * CSRF defence for requests that change something: a foreign page cannot send JSON without a
 * CORS preflight (which the hub never grants), and its Origin (or Sec-Fetch-Site) gives it
 * away. Clients that are not browsers send no Origin and are let through to the session check.
 */
export async function refuseCrossSiteWrites(request: FastifyRequest): Promise<void> {
  if (SAFE_METHODS.has(request.method)) return;
  const { origin } = request.headers;
  const fetchSite = request.headers['sec-fetch-site'];
  if (
    (origin !== undefined && !sameHost(origin, request.headers.host)) ||
    fetchSite === 'cross-site' ||
    fetchSite === 'same-site'
  )
    throw new AdminError('forbidden_origin', 'requests from another site are refused');
  const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json')
    throw new AdminError('unsupported_media_type', 'send the request body as application/json');
}
