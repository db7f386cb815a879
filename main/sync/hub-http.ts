import { brotliCompressSync, constants } from 'node:zlib';
import { HubRefusalBody } from '../../contract/sync/wire.js';
import type { HubRefusal } from '../../contract/sync/wire.js';
import type { RequestSigner } from './request-signer.js';

/** The hub could not be reached or did not answer in time: try again later. */
export class HubUnreachable extends Error {
  override readonly name = 'HubUnreachable';
}

/** The hub answered with a refusal or a server error. */
export class HubRefused extends Error {
  override readonly name = 'HubRefused';
  constructor(
    readonly status: number,
    readonly refusal: HubRefusal | 'server_error',
    message: string,
  ) {
    super(message);
  }
}

export interface HubCall {
  method: 'GET' | 'POST';
  /** Path and query, e.g. /api/sync/pull?after=3. */
  path: string;
  /** JSON value to send, Brotli-compressed. */
  json?: unknown;
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface HubClientOptions {
  hubUrl: string;
  signer: RequestSigner;
  /** Counts bytes of request bodies sent, for the catch-up estimate. */
  onSent?: (bytes: number) => void;
  /** Default time a request may take, 30 s unless set. */
  timeoutMs?: number;
}

/** Signed JSON requests to the hub. Any network failure or timeout becomes HubUnreachable. */
export function hubClient(options: HubClientOptions) {
  return async function call<T>(request: HubCall): Promise<T> {
    const body =
      request.json === undefined
        ? undefined
        : brotliCompressSync(Buffer.from(JSON.stringify(request.json), 'utf8'), {
            params: { [constants.BROTLI_PARAM_QUALITY]: 6, [constants.BROTLI_PARAM_LGWIN]: 22 },
          });
    const headers: Record<string, string> = {
      ...options.signer({ method: request.method, path: request.path, ...(body ? { body } : {}) }),
      'accept-encoding': 'br',
    };
    if (body) {
      headers['content-type'] = 'application/json';
      headers['content-encoding'] = 'br';
    }
    const timeout = AbortSignal.timeout(request.timeoutMs ?? options.timeoutMs ?? 30_000);
    let response: Response;
    let text: string;
    try {
      response = await fetch(new URL(request.path, options.hubUrl), {
        method: request.method,
        headers,
        ...(body ? { body } : {}),
        signal: request.signal ? AbortSignal.any([timeout, request.signal]) : timeout,
      });
      text = await response.text();
    } catch (error) {
      throw new HubUnreachable(error instanceof Error ? error.message : String(error), { cause: error });
    }
    if (body) options.onSent?.(body.length);
    if (response.ok) {
      try {
        return JSON.parse(text) as T;
      } catch {
        // A proxy's error page or a cut body that still said 200.
        throw new HubUnreachable(`the hub's answer to ${request.path} was not JSON`);
      }
    }
    const refusal = HubRefusalBody.safeParse(safeJson(text));
    if (response.status < 500 && refusal.success)
      throw new HubRefused(response.status, refusal.data.error, refusal.data.message);
    // 5xx, or a status without our refusal body (a proxy in between): worth retrying.
    throw new HubUnreachable(`the hub answered ${response.status} to ${request.path}`);
  };
}

export type HubCallFn = ReturnType<typeof hubClient>;

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
