import { spawnSync } from 'node:child_process';
import { threadId } from 'node:worker_threads';

/**
 * Shapes a call's link with nftables (root only): UDP packets to or from the given ports are
 * dropped on the INPUT hook. Matching by port, not address, because Chromium reaches a TURN
 * server on 127.0.0.1 from the machine's outward address; dropping on OUTPUT would fail the
 * sender's own send calls and kill the call (see shared/testing-webrtc.md).
 *
 * Everything lives in one table per process and worker thread, `inet cunyi_link_<pid>_<thread>`:
 * clear() removes it, so does a normal exit, and a table left by a killed process is swept the
 * next time any process creates its own.
 */

/** The nftables table (family inet) this process's rules live in. */
export const LINK_TABLE = `cunyi_link_${process.pid}_${threadId}`;
const TABLE_PREFIX = 'cunyi_link_';

let unavailable: string | null | undefined;
let created = false;
let exitHooked = false;
let lossChains = 0;

function nft(args: string[], input?: string): string {
  const result = spawnSync('nft', args, { input, encoding: 'utf8' });
  if (result.error) throw new Error(`nft ${args.join(' ')}: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`nft ${args.join(' ')} failed: ${result.stderr.trim()}\n${input ?? ''}`);
  return result.stdout;
}

/** Why links cannot be shaped on this machine (not root, no nft, no netfilter access), or null when they can. */
export function linkShaperUnavailable(): string | null {
  if (unavailable !== undefined) return unavailable;
  if (process.getuid?.() !== 0) unavailable = 'link shaping needs root (nftables rules on the INPUT hook)';
  else if (spawnSync('nft', ['--version'], { stdio: 'ignore' }).status !== 0)
    unavailable = 'nft is missing: install the nftables package';
  else {
    const probe = spawnSync('nft', ['list', 'tables'], { encoding: 'utf8' });
    unavailable = probe.status === 0 ? null : `nft cannot reach netfilter: ${probe.stderr.trim()}`;
  }
  return unavailable;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Deletes tables of processes that died without clearing (SIGKILL skips the exit hook). */
function sweepStaleTables(): void {
  const listed = JSON.parse(nft(['-j', 'list', 'tables'])) as {
    nftables: { table?: { family: string; name: string } }[];
  };
  for (const { table } of listed.nftables) {
    if (table?.family !== 'inet' || !table.name.startsWith(TABLE_PREFIX)) continue;
    const pid = Number(table.name.slice(TABLE_PREFIX.length).split('_')[0]);
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && !alive(pid))
      spawnSync('nft', ['delete', 'table', 'inet', table.name], { stdio: 'ignore' });
  }
}

function portSet(ports: readonly number[]): string {
  if (ports.length === 0) throw new Error('no ports given');
  for (const port of ports)
    if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`not a UDP port: ${port}`);
  return `{ ${[...new Set(ports)].join(', ')} }`;
}

/** Runs one atomic nft script in this process's table, creating the table (and the exit hook) first. */
function apply(lines: string[]): void {
  const reason = linkShaperUnavailable();
  if (reason) throw new Error(reason);
  if (!created) sweepStaleTables();
  nft(
    ['-f', '-'],
    [
      `add table inet ${LINK_TABLE}`,
      `add chain inet ${LINK_TABLE} input { type filter hook input priority filter; policy accept; }`,
      ...lines,
      '',
    ].join('\n'),
  );
  created = true;
  if (!exitHooked) {
    exitHooked = true;
    process.on('exit', clear);
  }
}

/** Drops every UDP packet to or from these ports until clear(). Blocks take precedence over loss rules. */
export function blockPorts(ports: readonly number[]): void {
  const set = portSet(ports);
  // Inserted at the top: a loss rule accepts what it lets through, so it must come after.
  apply([
    `insert rule inet ${LINK_TABLE} input udp dport ${set} drop`,
    `insert rule inet ${LINK_TABLE} input udp sport ${set} drop`,
  ]);
}

/**
 * Drops `percent` % of UDP packets to or from these ports, at random, until clear(). Each
 * packet gets one draw even when both its ports are listed (relay to relay), and only from
 * the first loss rule it matches.
 */
export function dropPercent(ports: readonly number[], percent: number): void {
  if (!Number.isInteger(percent) || percent < 0 || percent > 100)
    throw new Error(`percent must be a whole number from 0 to 100, got ${percent}`);
  const set = portSet(ports);
  const chain = `loss_${++lossChains}`;
  apply([
    `add chain inet ${LINK_TABLE} ${chain}`,
    `add rule inet ${LINK_TABLE} ${chain} numgen random mod 100 < ${percent} drop`,
    `add rule inet ${LINK_TABLE} ${chain} accept`,
    `add rule inet ${LINK_TABLE} input udp dport ${set} jump ${chain}`,
    `add rule inet ${LINK_TABLE} input udp sport ${set} jump ${chain}`,
  ]);
}

/** Removes every rule this process added (the whole table). Safe to call when there is none. */
export function clear(): void {
  if (!created) return;
  created = false;
  spawnSync('nft', ['delete', 'table', 'inet', LINK_TABLE], { stdio: 'ignore' });
}
