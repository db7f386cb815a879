import { createHmac } from 'node:crypto';
import { z } from 'zod';
import type { IceConfig, IceServer } from '../../../contract/consults/signal.js';

/** The hub's STUN/TURN settings, from HUB_STUN_URLS, HUB_TURN_URLS, HUB_TURN_SECRET, HUB_TURN_TTL_S, HUB_ICE_TRANSPORT_POLICY. */
export interface HubIceConfig {
  stunUrls: string[];
  turnUrls: string[];
  /** coturn's `static-auth-secret`; present whenever `turnUrls` is not empty. Never sent to a client. */
  turnSecret?: string;
  /** How long a TURN credential handed out now stays valid. */
  turnTtlS: number;
  iceTransportPolicy: 'all' | 'relay';
}

/** Shortest secret accepted: it is the only thing between the internet and free relaying. */
export const MIN_TURN_SECRET_LENGTH = 16;
const DEFAULT_TTL_S = 3600;
/** One day, the TURN REST API draft's recommended ceiling. */
const MAX_TTL_S = 86_400;

// host: a DNS name, an IPv4 address or a bracketed IPv6 literal; port optional (RFC 7064/7065).
const HOST_PORT = String.raw`(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?)(?::(\d{1,5}))?`;
const STUN_URL = new RegExp(`^stun:${HOST_PORT}$`);
const TURN_URL = new RegExp(`^turns?:${HOST_PORT}(?:\\?transport=(?:udp|tcp))?$`);

const blankIsUnset = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

/** A comma-separated list of URLs, each matching `pattern` with a port (if any) in 1–65535. */
const urlList = (pattern: RegExp, rule: string) =>
  z.preprocess(
    blankIsUnset,
    z
      .string()
      .transform((list) =>
        list
          .split(',')
          .map((url) => url.trim())
          .filter((url) => url !== ''),
      )
      .pipe(
        z.array(
          z.string().refine((url) => {
            const match = pattern.exec(url);
            const port = match?.[1];
            return match !== null && (port === undefined || (Number(port) >= 1 && Number(port) <= 65535));
          }, rule),
        ),
      )
      .optional(),
  );

const Env = z
  .object({
    HUB_STUN_URLS: urlList(STUN_URL, 'must be comma-separated stun:host[:port] URLs'),
    HUB_TURN_URLS: urlList(TURN_URL, 'must be comma-separated turn:/turns:host[:port][?transport=udp|tcp] URLs'),
    HUB_TURN_SECRET: z.preprocess(
      blankIsUnset,
      z
        .string()
        .min(MIN_TURN_SECRET_LENGTH, `must have at least ${MIN_TURN_SECRET_LENGTH} characters`)
        .max(1024)
        .optional(),
    ),
    HUB_TURN_TTL_S: z.preprocess(
      blankIsUnset,
      z
        .string()
        .regex(/^\d+$/, 'must be a whole number of seconds')
        .transform(Number)
        .pipe(z.number().min(60, 'must be at least 60 seconds').max(MAX_TTL_S, `must be at most ${MAX_TTL_S} seconds`))
        .optional(),
    ),
    HUB_ICE_TRANSPORT_POLICY: z.preprocess(blankIsUnset, z.enum(['all', 'relay']).optional()),
  })
  .superRefine((env, ctx) => {
    const turn = (env.HUB_TURN_URLS ?? []).length > 0;
    if (turn && env.HUB_TURN_SECRET === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['HUB_TURN_SECRET'],
        message: "HUB_TURN_URLS needs HUB_TURN_SECRET (coturn's static-auth-secret)",
      });
    if (!turn && env.HUB_TURN_SECRET !== undefined)
      ctx.addIssue({ code: 'custom', path: ['HUB_TURN_URLS'], message: 'HUB_TURN_SECRET is set but no TURN URL is' });
    if (!turn && env.HUB_ICE_TRANSPORT_POLICY === 'relay')
      ctx.addIssue({
        code: 'custom',
        path: ['HUB_ICE_TRANSPORT_POLICY'],
        message: "'relay' needs at least one TURN server in HUB_TURN_URLS",
      });
  });

/** Reads the STUN/TURN variables; throws naming each bad one. The secret is never echoed. */
export function readIceConfig(env: NodeJS.ProcessEnv): HubIceConfig {
  const parsed = Env.safeParse(env);
  if (!parsed.success) throw new Error(`Invalid hub ICE configuration:\n${z.prettifyError(parsed.error)}`);
  const e = parsed.data;
  return {
    stunUrls: e.HUB_STUN_URLS ?? [],
    turnUrls: e.HUB_TURN_URLS ?? [],
    ...(e.HUB_TURN_SECRET !== undefined ? { turnSecret: e.HUB_TURN_SECRET } : {}),
    turnTtlS: e.HUB_TURN_TTL_S ?? DEFAULT_TTL_S,
    iceTransportPolicy: e.HUB_ICE_TRANSPORT_POLICY ?? 'all',
  };
}

/** A participant id as it may appear in a TURN username: coturn reads the expiry up to the first ':', so later ones are safe. */
const PARTICIPANT = /^[A-Za-z0-9._@:-]{1,128}$/;

/**
 * coturn's TURN REST API credential (`--use-auth-secret`): username `<expiry unix s>:<participant>`,
 * credential base64(HMAC-SHA1(secret, username)). coturn refuses it once the expiry has passed.
 */
export function turnCredential(
  secret: string,
  participant: string,
  expiresAtS: number,
): { username: string; credential: string } {
  if (!PARTICIPANT.test(participant))
    throw new Error('participant must be 1–128 letters, digits or . _ @ : - (it becomes part of the TURN username)');
  if (!Number.isSafeInteger(expiresAtS) || expiresAtS <= 0) throw new Error('expiry must be whole unix seconds');
  const username = `${expiresAtS}:${participant}`;
  return { username, credential: createHmac('sha1', secret).update(username).digest('base64') };
}

/** The ICE servers one participant gets: STUN as configured, TURN with a credential valid for `turnTtlS` from `now`. */
export function iceServersFor(config: HubIceConfig, participant: string, now: Date): IceServer[] {
  const servers: IceServer[] = [];
  if (config.stunUrls.length > 0) servers.push({ urls: [...config.stunUrls] });
  if (config.turnUrls.length > 0) {
    if (config.turnSecret === undefined) throw new Error('TURN URLs are configured without a secret');
    const expiresAtS = Math.floor(now.getTime() / 1000) + config.turnTtlS;
    servers.push({ urls: [...config.turnUrls], ...turnCredential(config.turnSecret, participant, expiresAtS) });
  }
  return servers;
}

/** What a peer passes to RTCPeerConnection: its ICE servers and the transport policy. */
export function iceConfigFor(config: HubIceConfig, participant: string, now: Date): IceConfig {
  return { iceServers: iceServersFor(config, participant, now), iceTransportPolicy: config.iceTransportPolicy };
}
