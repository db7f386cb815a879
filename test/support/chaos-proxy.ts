import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { DEFAULTS, FAULT_KINDS, merge } from './chaos-options.js';
import type { ChaosOptions, ChaosSettings, Direction, FaultKind, PerDirection } from './chaos-options.js';
import { Lane } from './chaos-lane.js';

/**
 * A userspace TCP proxy in front of an HTTP server that makes the link between them bad on
 * purpose: delay and bandwidth per direction, and faults injected per request.
 *
 * How requests are found: HTTP clients reuse keep-alive connections, so a fault is decided per
 * request, not per connection. A request starts where a chunk read from the client begins with
 * an HTTP/1.x request line (`METHOD target HTTP/1.x\r\n`). Clients that do not pipeline (Node's
 * http, undici/fetch, tus-js-client) write a new request only after the previous response
 * arrived, so it starts a new chunk. Limits: pipelined requests that share one chunk count as
 * one request; a body chunk that itself begins with a request line would be taken for a
 * request (no JSON, gzip or tus body does); a response belongs to the latest request, which
 * holds without pipelining. Request and response sizes come from Content-Length when the head
 * is complete in the first chunk; otherwise (chunked bodies) a cut falls inside that chunk.
 *
 * Delay and bandwidth model one shared link per direction (up is client → server): every chunk
 * of every connection queues in arrival order, leaves through a token bucket at the set rate,
 * then arrives `delayMs` later. Order is preserved. When too much waits, the proxy stops reading
 * from the sender, so TCP back-pressure reaches the client as it would on a slow link.
 */

export type { ChaosOptions, ChaosSettings, Direction, FaultKind, PerDirection } from './chaos-options.js';

export interface ChaosProxyConfig extends ChaosSettings {
  /** The server behind the proxy. */
  target: { host: string; port: number };
  /** Where to listen: 127.0.0.1 on a free port unless given; `path` listens on a Unix socket. */
  listen?: { host?: string; port?: number } | { path: string };
  /** The random source for fault decisions, e.g. a seeded generator for a reproducible run. */
  random?: () => number;
}

export interface ChaosStats {
  /** Bytes delivered each way (request bytes to the server, response bytes to the client). */
  bytes: PerDirection<number>;
  connections: { total: number; open: number };
  requests: number;
  /** Faults that actually took effect. */
  faults: Record<FaultKind, number>;
}

export interface ChaosProxy {
  /** The TCP port (0 when listening on a Unix socket). */
  readonly port: number;
  /** `http://host:port` for TCP, or the socket path. */
  readonly url: string;
  /** Changes options for everything that happens from now on; throws and changes nothing on bad input. */
  set(settings: ChaosSettings): void;
  options(): ChaosOptions;
  stats(): ChaosStats;
  resetStats(): void;
  /** Stops listening and destroys every socket and timer. */
  close(): Promise<void>;
}

const REQUEST_LINE = /^(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS|TRACE|CONNECT) \S+ HTTP\/1\.[01]\r\n/;
const STATUS_TEXT = { 502: 'Bad Gateway', 503: 'Service Unavailable' } as const;

/** The length of the HTTP message that starts `chunk`, when its head is complete there; else the chunk's length. */
function messageLength(chunk: Buffer): number {
  const headEnd = chunk.indexOf('\r\n\r\n');
  if (headEnd < 0) return chunk.length;
  const head = chunk.subarray(0, headEnd).toString('latin1');
  if (/\r\ntransfer-encoding:[^\r]*chunked/i.test(head)) return chunk.length;
  const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
  return headEnd + 4 + (length ? Number(length[1]) : 0);
}

interface Connection {
  client: net.Socket;
  upstream: net.Socket;
  dead: boolean;
  /** The proxy closed the server side on purpose (errorStatus, stall): its close does not end the client. */
  upstreamRetired: boolean;
  pending: PerDirection<number>;
  paused: PerDirection<boolean>;
  requests: number;
  discard: PerDirection<boolean>;
  /** Bytes still to forward before cutting, per direction. */
  cutAfter: PerDirection<number | null>;
  cutNextResponse: boolean;
}

/** Starts the proxy in front of `config.target`; resolves once it listens. */
export async function startChaosProxy(config: ChaosProxyConfig): Promise<ChaosProxy> {
  let options = merge(DEFAULTS, config);
  const random = config.random ?? Math.random;
  const conns = new Set<Connection>();
  const blankStats = (open: number): ChaosStats => ({
    bytes: { up: 0, down: 0 },
    connections: { total: 0, open },
    requests: 0,
    faults: { cutRequest: 0, cutResponse: 0, errorStatus: 0, stall: 0 },
  });
  let stats = blankStats(0);

  const source = (conn: Connection, dir: Direction) => (dir === 'up' ? conn.client : conn.upstream);
  const sink = (conn: Connection, dir: Direction) => (dir === 'up' ? conn.upstream : conn.client);

  // How much may wait in the proxy before it stops reading: enough to keep a delayed link busy.
  const highWater = (dir: Direction): number => {
    const rate = options.bytesPerSecond[dir];
    if (rate === 0) return options.delayMs[dir] > 0 ? 4 << 20 : 1 << 20;
    return Math.max(64 << 10, (2 * rate * options.delayMs[dir]) / 1000 + rate / 10);
  };

  const flowControl = (conn: Connection, dir: Direction): void => {
    if (conn.dead) return;
    const queued = conn.pending[dir] + sink(conn, dir).writableLength;
    if (!conn.paused[dir] && queued > highWater(dir)) {
      conn.paused[dir] = true;
      source(conn, dir).pause();
    } else if (conn.paused[dir] && queued <= highWater(dir) / 2) {
      conn.paused[dir] = false;
      source(conn, dir).resume();
    }
  };

  const deliver = (dir: Direction, conn: Connection, data: Buffer): void => {
    sink(conn, dir).write(data);
    stats.bytes[dir] += data.length;
    flowControl(conn, dir);
  };
  const lanes: Record<Direction, Lane<Connection>> = {
    up: new Lane('up', () => options, deliver),
    down: new Lane('down', () => options, deliver),
  };

  const destroy = (conn: Connection): void => {
    if (conn.dead) return;
    conn.dead = true;
    conns.delete(conn);
    stats.connections.open = conns.size;
    conn.client.destroy();
    conn.upstream.destroy();
  };

  // A cut looks like a link that died: a reset to both ends.
  const reset = (conn: Connection): void => {
    for (const socket of [conn.client, conn.upstream]) {
      try {
        socket.resetAndDestroy();
      } catch {
        socket.destroy(); // Unix sockets have no reset
      }
    }
    destroy(conn);
  };

  const retireUpstream = (conn: Connection): void => {
    conn.upstreamRetired = true;
    conn.discard.down = true;
    conn.upstream.destroy();
  };

  const decideFault = (conn: Connection): FaultKind | null => {
    const first = conn.requests === 0;
    conn.requests += 1;
    stats.requests += 1;
    if (options.faultScope === 'connection' && !first) return null;
    let r = random();
    for (const kind of FAULT_KINDS) {
      r -= options.faults[kind];
      if (r < 0) return kind;
    }
    return null;
  };

  // Forwards `chunk` through the lane, stopping at a pending cut point.
  const forward = (conn: Connection, dir: Direction, chunk: Buffer, kind: FaultKind): void => {
    const cutAfter = conn.cutAfter[dir];
    if (cutAfter === null) {
      lanes[dir].send(conn, chunk);
      flowControl(conn, dir);
      return;
    }
    const part = chunk.subarray(0, cutAfter);
    if (part.length > 0) lanes[dir].send(conn, part);
    conn.cutAfter[dir] = cutAfter - part.length;
    if (conn.cutAfter[dir] === 0) {
      conn.discard.up = conn.discard.down = true;
      lanes[dir].act(
        conn,
        () => {
          stats.faults[kind] += 1;
          reset(conn);
        },
        false,
      );
    }
  };

  // Somewhere strictly inside a message of `length` bytes (at least one byte passes, one is missing).
  const cutPoint = (length: number): number => 1 + Math.floor(random() * Math.max(1, length - 1));

  const onClientData = (conn: Connection, chunk: Buffer): void => {
    if (conn.dead || conn.discard.up) return;
    if (REQUEST_LINE.test(chunk.subarray(0, 8192).toString('latin1'))) {
      const fault = decideFault(conn);
      if (fault === 'cutRequest') conn.cutAfter.up = cutPoint(messageLength(chunk));
      if (fault === 'cutResponse') conn.cutNextResponse = true;
      if (fault === 'errorStatus') {
        conn.discard.up = true;
        retireUpstream(conn);
        const status = options.errorStatus;
        const body = `chaos proxy: injected ${status}\n`;
        const answer = `HTTP/1.1 ${status} ${STATUS_TEXT[status]}\r\ncontent-type: text/plain\r\ncontent-length: ${body.length}\r\nconnection: close\r\n\r\n${body}`;
        lanes.down.send(conn, Buffer.from(answer, 'latin1'));
        lanes.down.act(conn, () => conn.client.end(), false);
        stats.faults.errorStatus += 1;
        return;
      }
      if (fault === 'stall') {
        conn.discard.up = true;
        retireUpstream(conn);
        stats.faults.stall += 1;
        return;
      }
    }
    forward(conn, 'up', chunk, 'cutRequest');
  };

  const onServerData = (conn: Connection, chunk: Buffer): void => {
    if (conn.dead || conn.discard.down) return;
    if (conn.cutNextResponse) {
      conn.cutNextResponse = false;
      conn.cutAfter.down = cutPoint(messageLength(chunk));
    }
    forward(conn, 'down', chunk, 'cutResponse');
  };

  const target = config.target;
  const server = net.createServer({ allowHalfOpen: true }, (client) => {
    const upstream = net.connect({ host: target.host, port: target.port, allowHalfOpen: true });
    const conn: Connection = {
      client,
      upstream,
      dead: false,
      upstreamRetired: false,
      pending: { up: 0, down: 0 },
      paused: { up: false, down: false },
      requests: 0,
      discard: { up: false, down: false },
      cutAfter: { up: null, down: null },
      cutNextResponse: false,
    };
    conns.add(conn);
    stats.connections.total += 1;
    stats.connections.open = conns.size;
    client.setNoDelay(true);
    upstream.setNoDelay(true);

    client.on('data', (chunk: Buffer) => onClientData(conn, chunk));
    upstream.on('data', (chunk: Buffer) => onServerData(conn, chunk));
    // A FIN travels the link like data: after what was sent before it, with the delay.
    client.on('end', () => {
      if (!conn.discard.up) lanes.up.act(conn, () => conn.upstream.end(), true);
    });
    upstream.on('end', () => {
      if (!conn.discard.down) lanes.down.act(conn, () => conn.client.end(), true);
    });
    client.on('drain', () => flowControl(conn, 'down'));
    upstream.on('drain', () => flowControl(conn, 'up'));
    client.on('error', () => destroy(conn));
    client.on('close', () => destroy(conn));
    upstream.on('error', () => {
      if (!conn.upstreamRetired) destroy(conn);
    });
    upstream.on('close', () => {
      if (!conn.upstreamRetired) destroy(conn);
    });
  });

  const listen = config.listen ?? {};
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    const ready = () => {
      server.off('error', reject);
      resolve();
    };
    if ('path' in listen) server.listen(listen.path, ready);
    else server.listen(listen.port ?? 0, listen.host ?? '127.0.0.1', ready);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? (address as AddressInfo).port : 0;
  const url = 'path' in listen ? listen.path : `http://${listen.host ?? '127.0.0.1'}:${port}`;

  return {
    port,
    url,
    set(settings) {
      options = merge(options, settings);
    },
    options: () => structuredClone(options),
    stats: () => structuredClone(stats),
    resetStats() {
      stats = blankStats(conns.size);
    },
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const conn of [...conns]) destroy(conn);
      lanes.up.clear();
      lanes.down.clear();
      await closed;
    },
  };
}
