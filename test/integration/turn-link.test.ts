import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { iceServersFor } from '../../hub/server/calls/ice-servers.js';
import type { HubIceConfig } from '../../hub/server/calls/ice-servers.js';
import { blockPorts, clear, linkShaperUnavailable } from '../support/link-shaper.js';
import { startTurnServer } from '../support/turn-server.js';
import type { TurnServer } from '../support/turn-server.js';

/**
 * The hub's TURN credentials against a real coturn (`--use-auth-secret`), through Chromium's
 * own ICE agent, and the link shaper against real relay traffic.
 */

const SECRET = 'turn-link-test-static-auth-secret';
const CAP_BPS = 12_500;

let open: TurnServer;
let capped: TurnServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  [open, capped, browser] = await Promise.all([
    startTurnServer({ secret: SECRET }),
    startTurnServer({ secret: SECRET, maxBps: CAP_BPS }),
    chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] }),
  ]);
  page = await browser.newPage();
});
afterAll(async () => {
  await browser?.close();
  await Promise.all([open?.stop(), capped?.stop()]);
});

const hubConfig = (server: TurnServer, secret = SECRET): HubIceConfig => ({
  stunUrls: [],
  turnUrls: [server.url],
  turnSecret: secret,
  turnTtlS: 3600,
  iceTransportPolicy: 'relay',
});

const Gathered = z.object({
  relay: z.array(z.object({ address: z.string(), port: z.number() })),
  errors: z.array(z.number()),
  complete: z.boolean(),
});

// In-page code as text: the node tsconfig has no DOM types, and it runs in Chromium anyway.
const GATHER = `async ({ iceServers, ms }) => {
  const pc = new RTCPeerConnection({ iceServers, iceTransportPolicy: 'relay' });
  const relay = [];
  const errors = [];
  pc.onicecandidate = (e) => {
    if (e.candidate && e.candidate.type === 'relay') relay.push({ address: e.candidate.address, port: e.candidate.port });
  };
  pc.onicecandidateerror = (e) => errors.push(e.errorCode);
  pc.createDataChannel('probe');
  await pc.setLocalDescription(await pc.createOffer());
  await new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    pc.onicegatheringstatechange = () => {
      if (pc.iceGatheringState === 'complete') { clearTimeout(timer); resolve(); }
    };
  });
  const complete = pc.iceGatheringState === 'complete';
  pc.close();
  return { relay, errors, complete };
}`;

/** Gathers candidates in Chromium with relay-only ICE; stops at completion or after `ms`. */
async function gather(iceServers: unknown, ms = 5_000) {
  return Gathered.parse(await page.evaluate(`(${GATHER})(${JSON.stringify({ iceServers, ms })})`));
}

// Two relay-only peers in one page; the offerer pushes 1 kB datagrams (no retransmission) for
// `warmMs + ms`, and what arrives in the last `ms` is counted (coturn lets a first burst through).
const THROUGHPUT = `async ({ a: serversA, b: serversB, warmMs, ms }) => {
  const a = new RTCPeerConnection({ iceServers: serversA, iceTransportPolicy: 'relay' });
  const b = new RTCPeerConnection({ iceServers: serversB, iceTransportPolicy: 'relay' });
  a.onicecandidate = (e) => e.candidate && b.addIceCandidate(e.candidate);
  b.onicecandidate = (e) => e.candidate && a.addIceCandidate(e.candidate);
  const channel = a.createDataChannel('bulk', { ordered: false, maxRetransmits: 0 });
  let received = 0;
  b.ondatachannel = (e) => { e.channel.binaryType = 'arraybuffer'; e.channel.onmessage = (m) => { received += m.data.byteLength; }; };
  await a.setLocalDescription(await a.createOffer());
  await b.setRemoteDescription(a.localDescription);
  await b.setLocalDescription(await b.createAnswer());
  await a.setRemoteDescription(b.localDescription);
  await new Promise((resolve) => { channel.onopen = resolve; });
  const chunk = new Uint8Array(1000);
  const start = performance.now();
  let warm = null;
  while (performance.now() - start < warmMs + ms) {
    while (channel.bufferedAmount < 64000) channel.send(chunk);
    await new Promise((resolve) => setTimeout(resolve, 10));
    if (warm === null && performance.now() - start >= warmMs) warm = received;
  }
  a.close();
  b.close();
  return (received - warm) / (ms / 1000);
}`;

/** Payload bytes per second that reach the answerer through `server`'s relays, after the first `warmMs`. */
async function throughput(server: TurnServer, warmMs: number, ms: number): Promise<number> {
  const now = new Date();
  const [a, b] = [
    iceServersFor(hubConfig(server), 'station-a', now),
    iceServersFor(hubConfig(server), 'console-b', now),
  ];
  return z.number().parse(await page.evaluate(`(${THROUGHPUT})(${JSON.stringify({ a, b, warmMs, ms })})`));
}

describe('hub TURN credentials on a real coturn', () => {
  it('get a relay candidate from this coturn', async () => {
    const result = await gather(iceServersFor(hubConfig(open), 'station-7f3a', new Date()));
    expect(result.complete).toBe(true);
    expect(result.relay.length).toBeGreaterThan(0);
    for (const candidate of result.relay) {
      expect(candidate.address).toBe('127.0.0.1');
      expect(candidate.port).toBeGreaterThanOrEqual(open.relayPorts[0]);
      expect(candidate.port).toBeLessThanOrEqual(open.relayPorts[1]);
    }
  });

  it('are refused (401) once expired or when signed with another secret', async () => {
    const anHourAgo = new Date(Date.now() - 3_601_000); // expiry = an hour ago + TTL: one second in the past
    const expired = await gather(iceServersFor(hubConfig(open), 'station-7f3a', anHourAgo));
    const forged = await gather(
      iceServersFor(hubConfig(open, 'some-other-secret-entirely'), 'station-7f3a', new Date()),
    );
    for (const result of [expired, forged]) {
      expect(result.relay).toEqual([]);
      expect(result.errors).toContain(401);
    }
  });
});

describe('coturn --max-bps', () => {
  it('caps what one session relays, where the open server does not', async () => {
    const unlimited = await throughput(open, 0, 1_000);
    const limited = await throughput(capped, 1_000, 2_000);
    console.log(
      `data through coturn: ${Math.round(unlimited)} B/s open, ${Math.round(limited)} B/s capped at ${CAP_BPS}`,
    );
    // coturn drops what exceeds each second's budget (whole UDP payloads, headers included), so
    // data over a 2 s window lands near the cap, not exactly under it (5.5–16 kB/s measured here,
    // lower where SCTP backs off after drops).
    expect(limited).toBeGreaterThan(0);
    expect(limited).toBeLessThan(2 * CAP_BPS);
    expect(unlimited).toBeGreaterThan(20 * CAP_BPS);
  });
});

const shaperUnavailable = linkShaperUnavailable();
if (shaperUnavailable) console.warn(`link-shaper check skipped: ${shaperUnavailable}`);

describe.skipIf(shaperUnavailable !== null)('link shaper on TURN traffic', () => {
  afterEach(() => clear());

  it('a blocked TURN port stops relay gathering; clear() brings it back', async () => {
    const servers = () => iceServersFor(hubConfig(open), 'station-7f3a', new Date());
    blockPorts([open.port]);
    const blocked = await gather(servers(), 1_500);
    expect(blocked.relay).toEqual([]);
    expect(blocked.complete).toBe(false);
    clear();
    const cleared = await gather(servers());
    expect(cleared.relay.length).toBeGreaterThan(0);
  });
});
