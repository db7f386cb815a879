import { execFileSync, spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A lossy, rate-limited link made of kernel parts, for a client in the root network namespace:
 *
 *   client (root ns) ──TCP──▶ veth ──▶ socat in namespace `cunyi-link-<pid>-<n>` ──Unix socket──▶ `unixPath`
 *
 * Each veth end has a tbf qdisc on egress (so up and down each get the full rate) and an nftables
 * netdev-ingress chain that drops `numgen random` packets on arrival (dropping on the sender's
 * output hook would fail its send calls instead of losing packets). The forwarder inside the
 * namespace hands each connection to a Unix socket, which the root namespace can serve: crossing
 * back over the veth would put every byte on the link twice. This kernel has no netem, so delay
 * is not done here; whoever serves `unixPath` adds it.
 *
 * Names carry the owning pid, so a run removes what a crashed earlier run left behind without
 * touching a live run's link.
 */

const PREFIX = 'cunyi-link-';
const TABLE_PREFIX = 'cunyi_link_';
let serial = 0;

export interface NetnsLink {
  /** Where the client connects: the namespace side of the veth. */
  readonly host: string;
  readonly port: number;
  /** Bytes the veth carried each way since creation: Ethernet frames, so TCP/IP headers, ACKs and retransmissions count. */
  bytes(): { up: number; down: number };
  /** Packets the random-loss rules dropped each way. */
  dropped(): { up: number; down: number };
  remove(): void;
}

/** Which of the commands this needs are missing, and whether we may change the network; empty when all is there. */
export function netnsUnavailableReason(): string | null {
  if (process.platform !== 'linux') return `not Linux (${process.platform})`;
  if (process.getuid?.() !== 0) return 'not root';
  const missing = ['ip', 'tc', 'nft', 'socat'].filter(
    (command) => spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status !== 0,
  );
  if (missing.length > 0) {
    return `missing ${missing.join(', ')} (Debian packages: ${missing.map((c) => PACKAGES[c]).join(', ')})`;
  }
  return null;
}

const PACKAGES: Record<string, string> = { ip: 'iproute2', tc: 'iproute2', nft: 'nftables', socat: 'socat' };

function run(command: string, args: string[], input?: string): string {
  try {
    return execFileSync(command, args, { encoding: 'utf8', input, stdio: ['pipe', 'pipe', 'pipe'] });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? '';
    throw new Error(`${command} ${args.join(' ')} failed: ${stderr.trim() || String(error)}`, { cause: error });
  }
}

const quiet = (command: string, args: string[]): void => {
  spawnSync(command, args, { stdio: 'ignore' });
};

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function killNamespaceProcesses(namespace: string): void {
  const pids = spawnSync('ip', ['netns', 'pids', namespace], { encoding: 'utf8' }).stdout ?? '';
  for (const pid of pids.split(/\s+/).filter(Boolean).map(Number)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

/** Removes namespaces, nft tables and socket folders whose owning process is gone. */
export function removeStaleNetnsLinks(): string[] {
  const removed: string[] = [];
  const owner = (name: string, prefix: string) => Number(name.slice(prefix.length).split(/[-_]/)[0]);
  const namespaces = spawnSync('ip', ['netns', 'list'], { encoding: 'utf8' }).stdout ?? '';
  for (const namespace of namespaces.split('\n').map((line) => line.split(' ')[0] ?? '')) {
    if (!namespace.startsWith(PREFIX) || alive(owner(namespace, PREFIX))) continue;
    killNamespaceProcesses(namespace);
    quiet('ip', ['netns', 'del', namespace]);
    removed.push(namespace);
  }
  const tables = spawnSync('nft', ['list', 'tables', 'netdev'], { encoding: 'utf8' }).stdout ?? '';
  for (const table of tables.split('\n').map((line) => line.trim().split(' ')[2] ?? '')) {
    if (!table.startsWith(TABLE_PREFIX) || alive(owner(table, TABLE_PREFIX))) continue;
    quiet('nft', ['delete', 'table', 'netdev', table]);
    removed.push(table);
  }
  for (const entry of readdirSync(tmpdir())) {
    if (!entry.startsWith(PREFIX) || alive(owner(entry, PREFIX))) continue;
    rmSync(join(tmpdir(), entry), { recursive: true, force: true });
    removed.push(entry);
  }
  return removed;
}

// A /30 in 10.231.0.0/16 that no interface uses yet.
function freeSubnet(): string {
  const used = run('ip', ['-4', '-o', 'addr', 'show']);
  for (let n = 0; n < 16_384; n += 1) {
    const base = `10.231.${n >> 6}.${(n & 63) * 4}`;
    const prefix = base.slice(0, base.lastIndexOf('.') + 1);
    const last = (n & 63) * 4;
    if (![1, 2].some((k) => used.includes(` ${prefix}${last + k}/`))) return `${prefix}${last}`;
  }
  throw new Error('no free /30 left in 10.231.0.0/16');
}

function dropRules(table: string, device: string, lossPercent: number): string {
  // Hundredths of a percent, so 0.5 % works as well as 2 %.
  const threshold = Math.round(lossPercent * 100);
  return `table netdev ${table} {
  chain loss {
    type filter hook ingress device "${device}" priority 0;
    numgen random mod 10000 < ${threshold} counter drop
  }
}
`;
}

async function waitForListener(host: string, port: number, forwarder: ChildProcess): Promise<void> {
  const end = Date.now() + 5_000;
  for (;;) {
    if (forwarder.exitCode !== null) throw new Error(`socat in the namespace exited (${forwarder.exitCode})`);
    const ok = await new Promise<boolean>((resolve) => {
      const socket = net.connect({ host, port }, () => {
        socket.destroy();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > end) throw new Error(`the namespace forwarder never listened on ${host}:${port}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Builds the namespace, veth pair, tbf and loss rules, and a forwarder from `port` to `unixPath`. */
export async function createNetnsLink(options: {
  rateKbit: number;
  lossPercent: number;
  port: number;
  unixPath: string;
}): Promise<NetnsLink> {
  const { rateKbit, lossPercent, port, unixPath } = options;
  if (!(rateKbit > 0) || !(lossPercent >= 0 && lossPercent < 100)) {
    throw new RangeError('netns link: rateKbit must be > 0 and lossPercent in [0, 100)');
  }
  serial += 1;
  const tag = `${process.pid}-${serial}`;
  const namespace = `${PREFIX}${tag}`;
  const table = `${TABLE_PREFIX}${tag.replace('-', '_')}`;
  const rootDev = `cl${process.pid}h${serial}`.slice(0, 15);
  const nsDev = `cl${process.pid}n${serial}`.slice(0, 15);
  const subnet = freeSubnet();
  const prefix = subnet.slice(0, subnet.lastIndexOf('.') + 1);
  const last = Number(subnet.slice(subnet.lastIndexOf('.') + 1));
  const rootAddress = `${prefix}${last + 1}`;
  const host = `${prefix}${last + 2}`;
  // tbf: a bucket of about 20 ms of traffic (at least one full frame), and a queue of about 100 ms,
  // roughly what a mobile link buffers before it drops.
  const rateBytes = (rateKbit * 1000) / 8;
  const tbf = ['tbf', 'rate', `${rateKbit}kbit`, 'burst', String(Math.max(1600, Math.round(rateBytes / 50)))];
  tbf.push('latency', '100ms');

  let forwarder: ChildProcess | null = null;
  let removed = false;
  const remove = (): void => {
    if (removed) return;
    removed = true;
    process.off('exit', remove);
    if (forwarder?.pid && forwarder.exitCode === null) forwarder.kill('SIGKILL');
    killNamespaceProcesses(namespace);
    quiet('ip', ['netns', 'del', namespace]);
    quiet('nft', ['delete', 'table', 'netdev', table]);
  };
  process.once('exit', remove);

  try {
    run('ip', ['netns', 'add', namespace]);
    run('ip', ['link', 'add', rootDev, 'type', 'veth', 'peer', 'name', nsDev, 'netns', namespace]);
    // No IPv6 link-local address: its router solicitations would count as traffic.
    run('ip', ['link', 'set', rootDev, 'addrgenmode', 'none']);
    run('ip', ['-n', namespace, 'link', 'set', nsDev, 'addrgenmode', 'none']);
    run('ip', ['addr', 'add', `${rootAddress}/30`, 'dev', rootDev]);
    run('ip', ['-n', namespace, 'addr', 'add', `${host}/30`, 'dev', nsDev]);
    run('ip', ['link', 'set', rootDev, 'up']);
    run('ip', ['-n', namespace, 'link', 'set', nsDev, 'up']);
    run('ip', ['-n', namespace, 'link', 'set', 'lo', 'up']);
    run('tc', ['qdisc', 'add', 'dev', rootDev, 'root', ...tbf]);
    run('ip', ['netns', 'exec', namespace, 'tc', 'qdisc', 'add', 'dev', nsDev, 'root', ...tbf]);
    run('nft', ['-f', '-'], dropRules(table, rootDev, lossPercent));
    run('ip', ['netns', 'exec', namespace, 'nft', '-f', '-'], dropRules('link', nsDev, lossPercent));
    forwarder = spawn(
      'ip',
      [
        'netns',
        'exec',
        namespace,
        'socat',
        `TCP-LISTEN:${port},bind=${host},reuseaddr,fork,nodelay`,
        `UNIX-CONNECT:${unixPath}`,
      ],
      { stdio: 'ignore' },
    );
    await waitForListener(host, port, forwarder);
  } catch (error) {
    remove();
    throw error;
  }

  const counter = (name: string) => Number(readFileSync(`/sys/class/net/${rootDev}/statistics/${name}`, 'utf8'));
  const dropCount = (args: string[]) => {
    const listing = spawnSync(args[0]!, args.slice(1), { encoding: 'utf8' }).stdout ?? '';
    return Number(/counter packets (\d+)/.exec(listing)?.[1] ?? 0);
  };
  return {
    host,
    port,
    // The root end's tx is what went up; its rx is what the namespace end sent down.
    bytes: () => ({ up: counter('tx_bytes'), down: counter('rx_bytes') }),
    dropped: () => ({
      up: dropCount(['ip', 'netns', 'exec', namespace, 'nft', 'list', 'table', 'netdev', 'link']),
      down: dropCount(['nft', 'list', 'table', 'netdev', table]),
    }),
    remove,
  };
}
