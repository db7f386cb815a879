import { spawn, spawnSync } from 'node:child_process';
import { createSocket } from 'node:dgram';
import type { Socket } from 'node:dgram';
import { createInterface } from 'node:readline';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../scripts/lib/processes.js';
import { LINK_TABLE, blockPorts, clear, dropPercent, linkShaperUnavailable } from './link-shaper.js';
import { pause } from './wait.js';

const reason = linkShaperUnavailable();
if (reason) console.warn(`link-shaper tests skipped: ${reason}`);

const tables = () =>
  spawnSync('nft', ['list', 'tables'], { encoding: 'utf8' })
    .stdout.split('\n')
    .map((line) => line.trim());
const table = (name: string) => `table inet ${name}`;

const bound = (): Promise<Socket> =>
  new Promise((resolve) => {
    const socket = createSocket('udp4');
    socket.bind(0, '127.0.0.1', () => resolve(socket));
  });
const portOf = (socket: Socket) => socket.address().port;

/** Sends `count` datagrams from `from` to `to`, paced so loopback buffers never overflow; returns how many arrived. */
async function delivered(from: Socket, to: Socket, count: number): Promise<number> {
  let received = 0;
  const onMessage = () => received++;
  to.on('message', onMessage);
  for (let i = 0; i < count; i++) {
    from.send(Buffer.from([i & 0xff]), portOf(to), '127.0.0.1');
    if (i % 50 === 49) await pause(1);
  }
  await pause(100);
  to.off('message', onMessage);
  return received;
}

describe.skipIf(reason !== null)('link shaper (nftables, INPUT hook)', () => {
  let a: Socket;
  let b: Socket;
  let c: Socket;
  beforeAll(async () => {
    [a, b, c] = await Promise.all([bound(), bound(), bound()]);
  });
  afterAll(() => [a, b, c].forEach((socket) => socket.close()));
  afterEach(() => clear());

  it('blocks packets to and from a port until clear() removes the table', async () => {
    expect(await delivered(a, b, 20)).toBe(20);
    blockPorts([portOf(b)]);
    expect(tables()).toContain(table(LINK_TABLE));
    expect(await delivered(a, b, 20)).toBe(0); // dport
    expect(await delivered(b, c, 20)).toBe(0); // sport
    expect(await delivered(a, c, 20)).toBe(20); // other ports untouched
    clear();
    expect(tables()).not.toContain(table(LINK_TABLE));
    expect(await delivered(a, b, 20)).toBe(20);
  });

  it('drops about the given share, one draw per packet even when both ports are listed', async () => {
    dropPercent([portOf(b), portOf(c)], 30);
    const oneSide = 1 - (await delivered(a, b, 2000)) / 2000;
    const bothSides = 1 - (await delivered(c, b, 2000)) / 2000;
    // Binomial sd at n=2000 is ~1 %; two independent draws would lose 51 %.
    expect(oneSide).toBeGreaterThan(0.22);
    expect(oneSide).toBeLessThan(0.38);
    expect(bothSides).toBeGreaterThan(0.22);
    expect(bothSides).toBeLessThan(0.38);
  });

  it('lets a block win over an earlier loss rule', async () => {
    dropPercent([portOf(b)], 0);
    blockPorts([portOf(b)]);
    expect(await delivered(a, b, 20)).toBe(0);
  });

  it('refuses bad input instead of guessing', () => {
    expect(() => blockPorts([])).toThrow(/no ports/);
    expect(() => blockPorts([70000])).toThrow(/not a UDP port/);
    expect(() => dropPercent([5000], 12.5)).toThrow(/whole number/);
  });

  it('removes the table on exit, and sweeps one left by a killed process', async () => {
    const child = (script: string) =>
      spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
        cwd: repoRoot,
        stdio: ['ignore', 'pipe', 'inherit'],
      });
    const load = `import { blockPorts, LINK_TABLE } from './test/support/link-shaper.ts'; blockPorts([${portOf(b)}]);`;

    const exiting = child(`${load} console.log(LINK_TABLE);`);
    const [exitedTable] = await Promise.all([
      new Promise<string>((resolve) => createInterface({ input: exiting.stdout }).once('line', resolve)),
      new Promise((resolve) => exiting.once('exit', resolve)),
    ]);
    expect(exitedTable).toMatch(/^cunyi_link_\d+_\d+$/);
    expect(tables()).not.toContain(table(exitedTable));

    const killed = child(`${load} console.log(LINK_TABLE); setInterval(() => {}, 1000);`);
    const killedTable = await new Promise<string>((resolve) =>
      createInterface({ input: killed.stdout }).once('line', resolve),
    );
    const gone = new Promise((resolve) => killed.once('exit', resolve));
    killed.kill('SIGKILL');
    await gone;
    expect(tables()).toContain(table(killedTable));
    blockPorts([portOf(c)]);
    expect(tables()).not.toContain(table(killedTable));
  });
});
