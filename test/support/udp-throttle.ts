import { createSocket } from 'node:dgram';
import type { RemoteInfo, Socket } from 'node:dgram';

/** A running throttle in front of a UDP server (a TURN server's listening port). */
export interface UdpThrottle {
  /** Where clients send instead of the server. */
  readonly port: number;
  /** Caps each client at `bytesPerSecond` in each direction (null lifts the cap). */
  setLimit(bytesPerSecond: number | null): void;
  /** Drops everything both ways while blocked: an outage. */
  setBlocked(blocked: boolean): void;
  /** Bytes carried and dropped so far, both directions together. */
  stats(): { carried: number; dropped: number; clients: number };
  close(): Promise<void>;
}

/** A token bucket that refills at the limit and holds a quarter second's worth (at least one packet). */
class Bucket {
  private tokens = 0;
  private at = Date.now();
  constructor(private readonly rate: () => number | null) {}

  take(bytes: number): boolean {
    const rate = this.rate();
    if (rate === null) return true;
    const now = Date.now();
    const capacity = Math.max(rate / 4, 1500);
    this.tokens = Math.min(capacity, this.tokens + ((now - this.at) / 1000) * rate);
    this.at = now;
    if (this.tokens < bytes) return false;
    this.tokens -= bytes;
    return true;
  }
}

interface Client {
  upstream: Socket;
  up: Bucket;
  down: Bucket;
}

/**
 * A userspace UDP forwarder that shapes a call's link the way coturn's --max-bps does (it
 * drops what exceeds the budget instead of queueing), but whose limit can change mid-call
 * without touching ICE, and which needs no root. Each client gets its own upstream socket, so
 * the server sees one 5-tuple per client, and its own budget in each direction.
 */
export async function startUdpThrottle(target: { host: string; port: number }): Promise<UdpThrottle> {
  let limit: number | null = null;
  let blocked = false;
  let carried = 0;
  let dropped = 0;
  const clients = new Map<string, Client>();
  const listener = createSocket('udp4');
  const pass = (bucket: Bucket, bytes: number): boolean => {
    if (blocked || !bucket.take(bytes)) {
      dropped += bytes;
      return false;
    }
    carried += bytes;
    return true;
  };

  const clientOf = (from: RemoteInfo): Client => {
    const key = `${from.address}:${from.port}`;
    let client = clients.get(key);
    if (client) return client;
    const upstream = createSocket('udp4');
    upstream.bind(0, '127.0.0.1');
    client = { upstream, up: new Bucket(() => limit), down: new Bucket(() => limit) };
    const down = client.down;
    upstream.on('message', (message) => {
      if (pass(down, message.length)) listener.send(message, from.port, from.address);
    });
    clients.set(key, client);
    return client;
  };

  listener.on('message', (message, from) => {
    const client = clientOf(from);
    if (pass(client.up, message.length)) client.upstream.send(message, target.port, target.host);
  });
  await new Promise<void>((resolve) => listener.bind(0, '127.0.0.1', resolve));

  return {
    port: listener.address().port,
    setLimit(bytesPerSecond) {
      if (bytesPerSecond !== null && !(Number.isFinite(bytesPerSecond) && bytesPerSecond > 0))
        throw new Error(`a limit must be a positive number of bytes per second, got ${bytesPerSecond}`);
      limit = bytesPerSecond;
    },
    setBlocked(value) {
      blocked = value;
    },
    stats: () => ({ carried, dropped, clients: clients.size }),
    close: async () => {
      for (const client of clients.values()) client.upstream.close();
      await new Promise<void>((resolve) => listener.close(() => resolve()));
    },
  };
}
