import { createSocket } from 'node:dgram';
import type { Socket } from 'node:dgram';
import { afterEach, describe, expect, it } from 'vitest';
import { startUdpThrottle } from './udp-throttle.js';
import type { UdpThrottle } from './udp-throttle.js';
import { pause } from './wait.js';

const open: Array<Socket | UdpThrottle> = [];
afterEach(async () => {
  for (const item of open.splice(0)) {
    if ('setLimit' in item) await item.close();
    else item.close();
  }
});

const bound = async (): Promise<Socket> => {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  open.push(socket);
  return socket;
};

/** An echo server: answers every datagram with the same bytes. */
async function echoServer(): Promise<Socket> {
  const server = await bound();
  server.on('message', (message, from) => server.send(message, from.port, from.address));
  return server;
}

/** Sends 1,000-byte datagrams for `ms` at ~400 kB/s through the throttle; returns bytes echoed back. */
async function blast(client: Socket, throttle: UdpThrottle, ms: number): Promise<number> {
  let received = 0;
  const onMessage = (message: Buffer) => (received += message.length);
  client.on('message', onMessage);
  const end = Date.now() + ms;
  while (Date.now() < end) {
    client.send(Buffer.alloc(1000), throttle.port, '127.0.0.1');
    await pause(2);
  }
  await pause(100);
  client.off('message', onMessage);
  return received;
}

describe('UDP throttle', () => {
  it('carries everything when open, caps each client at its limit, and lifts the cap', async () => {
    const server = await echoServer();
    const throttle = await startUdpThrottle({ host: '127.0.0.1', port: server.address().port });
    open.push(throttle);
    const [a, b] = [await bound(), await bound()];
    expect(await blast(a, throttle, 1000)).toBeGreaterThan(150_000);
    throttle.setLimit(10_000);
    const [fromA, fromB] = await Promise.all([blast(a, throttle, 2000), blast(b, throttle, 2000)]);
    // Two seconds at 10 kB/s, echoed (so capped both ways), plus a quarter-second bucket.
    for (const bytes of [fromA, fromB]) {
      expect(bytes).toBeGreaterThanOrEqual(16_000);
      expect(bytes).toBeLessThanOrEqual(24_000);
    }
    throttle.setLimit(null);
    expect(await blast(a, throttle, 1000)).toBeGreaterThan(150_000);
    expect(throttle.stats().clients).toBe(2);
  });

  it('drops everything while blocked and carries again after', async () => {
    const server = await echoServer();
    const throttle = await startUdpThrottle({ host: '127.0.0.1', port: server.address().port });
    open.push(throttle);
    const client = await bound();
    throttle.setBlocked(true);
    expect(await blast(client, throttle, 300)).toBe(0);
    throttle.setBlocked(false);
    expect(await blast(client, throttle, 300)).toBeGreaterThan(10_000);
    expect(() => throttle.setLimit(0)).toThrow(/positive number/);
  });
});
