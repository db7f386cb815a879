import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startChaosProxy } from '../../support/chaos-proxy.js';
import type { ChaosProxy } from '../../support/chaos-proxy.js';
import { createNetnsLink, netnsUnavailableReason, removeStaleNetnsLinks } from './netns-link.js';
import type { NetnsLink } from './netns-link.js';

/**
 * The station ↔ hub link of bench:sync: a slow, lossy, distant mobile link between a station in
 * this process and a hub listening on 127.0.0.1.
 *
 * As root with ip, tc, nft and socat: rate and loss come from the kernel (netns-link.ts: a veth
 * pair with tbf and nftables random drops), and a chaos proxy behind the namespace adds the
 * one-way delay, since this kernel has no netem:
 *
 *   station ─▶ url (veth: tbf + loss) ─▶ socat in netns ─▶ Unix socket ─▶ chaos proxy (delay) ─▶ hub
 *
 * TCP's own round-trip time is then the veth's (short), so a lost segment is resent sooner than on
 * a real 300 ms path; every HTTP exchange still pays the full delay each way.
 *
 * Otherwise the chaos proxy alone emulates delay and rate, without loss, and `note` says so.
 */

export interface ConstrainedLinkOptions {
  hubPort: number;
  hubHost?: string;
  rateKbit?: number;
  delayMs?: number;
  lossPercent?: number;
  /** 'userspace' skips the namespace even where it could run (for comparison, or to test the fallback). */
  mode?: 'auto' | 'userspace';
}

export interface ConstrainedLink {
  /** The hub's base URL as seen through the link. */
  readonly url: string;
  readonly kind: 'netns' | 'userspace';
  /** What the link emulates and, for the fallback, why it is only the proxy. */
  readonly note: string;
  /** Bytes sent each way since setup (Ethernet frames on the veth; TCP payload bytes for the fallback). */
  bytesOnWire(): { up: number; down: number };
  /** Packets dropped by the loss rules each way (always 0 for the fallback). */
  packetsDropped(): { up: number; down: number };
  teardown(): Promise<void>;
}

/** Sets up the link (512 kbit/s, 150 ms each way, 2 % loss unless told otherwise) in front of the hub. */
export async function setupConstrainedLink(options: ConstrainedLinkOptions): Promise<ConstrainedLink> {
  const { hubPort, hubHost = '127.0.0.1', rateKbit = 512, delayMs = 150, lossPercent = 2, mode = 'auto' } = options;
  if (!Number.isInteger(hubPort) || hubPort <= 0 || hubPort > 65_535) throw new RangeError(`bad hub port ${hubPort}`);
  const target = { host: hubHost, port: hubPort };
  const unavailable = mode === 'userspace' ? 'userspace mode asked for' : netnsUnavailableReason();

  if (unavailable) {
    const proxy = await startChaosProxy({ target, delayMs, bytesPerSecond: (rateKbit * 1000) / 8 });
    return {
      url: proxy.url,
      kind: 'userspace',
      note:
        `userspace proxy only (${unavailable}): ${rateKbit} kbit/s and ${delayMs} ms each way, ` +
        `no packet loss (${lossPercent} % asked for); bytes are TCP payload, without headers`,
      bytesOnWire: () => proxy.stats().bytes,
      packetsDropped: () => ({ up: 0, down: 0 }),
      teardown: () => proxy.close(),
    };
  }

  removeStaleNetnsLinks();
  const dir = mkdtempSync(join(tmpdir(), `cunyi-link-${process.pid}-`));
  const unixPath = join(dir, 'hub.sock');
  let proxy: ChaosProxy | null = null;
  let link: NetnsLink | null = null;
  const teardown = async (): Promise<void> => {
    link?.remove();
    await proxy?.close();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    proxy = await startChaosProxy({ target, listen: { path: unixPath }, delayMs });
    link = await createNetnsLink({ rateKbit, lossPercent, port: hubPort, unixPath });
  } catch (error) {
    await teardown();
    throw error;
  }
  const start = link.bytes();
  const netns = link;
  return {
    url: `http://${netns.host}:${netns.port}`,
    kind: 'netns',
    note:
      `network namespace: veth with tbf ${rateKbit} kbit/s and ${lossPercent} % random drop each way (kernel), ` +
      `${delayMs} ms each way from a userspace proxy behind it (no netem here)`,
    bytesOnWire: () => {
      const now = netns.bytes();
      return { up: now.up - start.up, down: now.down - start.down };
    },
    packetsDropped: () => netns.dropped(),
    teardown,
  };
}
