import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startChaosProxy } from './chaos-proxy.js';
import type { ChaosProxy } from './chaos-proxy.js';
import { pause, until } from './wait.js';

/** What the origin server saw of one request. */
interface Seen {
  url: string;
  received: number;
  complete: boolean;
}

/** A real node:http origin: POST /echo answers the body's length and digest, GET /blob?n= sends n bytes. */
async function startOrigin(): Promise<{ server: http.Server; port: number; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = http.createServer((req, res) => {
    const entry: Seen = { url: req.url ?? '', received: 0, complete: false };
    seen.push(entry);
    const hash = createHash('sha256');
    req.on('data', (chunk: Buffer) => {
      entry.received += chunk.length;
      hash.update(chunk);
    });
    req.on('end', () => {
      entry.complete = true;
      const url = new URL(req.url ?? '/', 'http://origin');
      if (url.pathname === '/blob') {
        const n = Number(url.searchParams.get('n'));
        res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': n });
        res.end(blob(n));
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ length: entry.received, sha256: hash.digest('hex') }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port, seen };
}

const blob = (n: number): Buffer => Buffer.from(Array.from({ length: n }, (_, i) => (i * 7 + (i >> 8)) & 0xff));

interface Answer {
  status: number;
  body: Buffer;
  reused: boolean;
}

function request(
  port: number,
  agent: http.Agent,
  options: { method?: string; path: string; body?: Buffer; timeoutMs?: number },
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, agent, method: options.method ?? 'GET', path: options.path });
    if (options.timeoutMs) req.setTimeout(options.timeoutMs, () => req.destroy(new Error('client timeout')));
    req.on('error', reject);
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('aborted', () => reject(new Error('response aborted')));
      res.on('end', () => {
        if (!res.complete) reject(new Error('response incomplete'));
        else resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks), reused: req.reusedSocket });
      });
    });
    req.end(options.body);
  });
}

/** A seeded generator so a failing run repeats. */
function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

describe('chaos proxy', () => {
  let origin: Awaited<ReturnType<typeof startOrigin>>;
  let proxy: ChaosProxy;
  let agent: http.Agent;

  beforeEach(async () => {
    origin = await startOrigin();
    proxy = await startChaosProxy({ target: { host: '127.0.0.1', port: origin.port }, random: seeded(7) });
    agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  });

  afterEach(async () => {
    agent.destroy();
    await proxy.close();
    origin.server.closeAllConnections();
    await new Promise((resolve) => origin.server.close(resolve));
  });

  it('passes bytes unchanged both ways over one kept-alive connection when nothing is set', async () => {
    const body = randomBytes(700_000);
    const echoed = await request(proxy.port, agent, { method: 'POST', path: '/echo', body });
    expect(JSON.parse(echoed.body.toString())).toEqual({
      length: body.length,
      sha256: createHash('sha256').update(body).digest('hex'),
    });
    const down = await request(proxy.port, agent, { path: '/blob?n=500000' });
    expect(down.reused).toBe(true);
    expect(down.body.equals(blob(500_000))).toBe(true);

    const stats = proxy.stats();
    expect(stats.requests).toBe(2);
    expect(stats.connections).toEqual({ total: 1, open: 1 });
    expect(stats.bytes.up).toBeGreaterThan(body.length);
    expect(stats.bytes.down).toBeGreaterThan(500_000);
    expect(Object.values(stats.faults)).toEqual([0, 0, 0, 0]);
  });

  it('adds at least the set delay each way', async () => {
    await request(proxy.port, agent, { path: '/blob?n=10' }); // connect outside the timing
    proxy.set({ delayMs: { up: 120, down: 80 } });
    const started = performance.now();
    await request(proxy.port, agent, { path: '/blob?n=10' });
    expect(performance.now() - started).toBeGreaterThanOrEqual(200);
  });

  it('limits bandwidth to within 20 % of the set rate in each direction', async () => {
    const rate = 256_000;
    proxy.set({ bytesPerSecond: rate });
    await request(proxy.port, agent, { path: '/blob?n=10' });

    const body = randomBytes(300_000);
    let started = performance.now();
    await request(proxy.port, agent, { method: 'POST', path: '/echo', body });
    const upRate = body.length / ((performance.now() - started) / 1000);

    started = performance.now();
    await request(proxy.port, agent, { path: '/blob?n=300000' });
    const downRate = 300_000 / ((performance.now() - started) / 1000);

    expect(upRate).toBeGreaterThan(rate * 0.8);
    expect(upRate).toBeLessThan(rate * 1.2);
    expect(downRate).toBeGreaterThan(rate * 0.8);
    expect(downRate).toBeLessThan(rate * 1.2);
  });

  it('cuts a request part-way: the client fails and the server never gets all of it', async () => {
    proxy.set({ faults: { cutRequest: 1 } });
    const body = randomBytes(200_000);
    await expect(request(proxy.port, agent, { method: 'POST', path: '/echo', body })).rejects.toThrow();
    await until(() => proxy.stats().faults.cutRequest === 1);
    expect(origin.seen.every((s) => !s.complete && s.received < body.length)).toBe(true);
    expect(proxy.stats().bytes.up).toBeLessThan(body.length + 200);
    expect(proxy.stats().bytes.up).toBeGreaterThan(0);
  });

  it('cuts a response part-way: the server answered, the client gets an incomplete response', async () => {
    proxy.set({ faults: { cutResponse: 1 } });
    await expect(request(proxy.port, agent, { path: '/blob?n=100000' })).rejects.toThrow();
    expect(origin.seen).toHaveLength(1);
    expect(origin.seen[0]!.complete).toBe(true);
    expect(proxy.stats().faults.cutResponse).toBe(1);
    expect(proxy.stats().bytes.down).toBeLessThan(100_000);
    expect(proxy.stats().bytes.down).toBeGreaterThan(0);
  });

  it('answers 503 or 502 itself without forwarding, on a connection that was kept alive', async () => {
    const first = await request(proxy.port, agent, { path: '/blob?n=10' });
    expect(first.status).toBe(200);
    proxy.set({ faults: { errorStatus: 1 } });
    const second = await request(proxy.port, agent, { method: 'POST', path: '/echo', body: Buffer.from('{}') });
    expect(second.status).toBe(503);
    expect(second.reused).toBe(true);
    proxy.set({ errorStatus: 502 });
    expect((await request(proxy.port, agent, { path: '/blob?n=10' })).status).toBe(502);
    expect(origin.seen.map((s) => s.url)).toEqual(['/blob?n=10']);
    expect(proxy.stats().faults.errorStatus).toBe(2);
  });

  it('stalls a request so only the client timeout ends it', async () => {
    proxy.set({ faults: { stall: 1 } });
    const started = performance.now();
    await expect(request(proxy.port, agent, { path: '/blob?n=10', timeoutMs: 300 })).rejects.toThrow('client timeout');
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    expect(origin.seen).toHaveLength(0);
    expect(proxy.stats().faults.stall).toBe(1);
  });

  it('decides faults per request at the set probabilities, and only on first requests in connection scope', async () => {
    proxy.set({ faults: { errorStatus: 0.5 } });
    let errors = 0;
    for (let i = 0; i < 60; i += 1) {
      const answer = await request(proxy.port, agent, { path: '/blob?n=10' });
      if (answer.status === 503) errors += 1;
    }
    expect(errors).toBe(proxy.stats().faults.errorStatus);
    expect(errors).toBeGreaterThan(15);
    expect(errors).toBeLessThan(45);
    expect(origin.seen).toHaveLength(60 - errors);

    await request(proxy.port, agent, { path: '/blob?n=10' }).catch(() => undefined);
    proxy.set({ faultScope: 'connection', faults: { errorStatus: 1 } });
    const fresh = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      expect((await request(proxy.port, fresh, { path: '/blob?n=10' })).status).toBe(503);
      proxy.set({ faults: { errorStatus: 0 } });
      expect((await request(proxy.port, fresh, { path: '/blob?n=10' })).status).toBe(200);
      proxy.set({ faults: { errorStatus: 1 } });
      const later = await request(proxy.port, fresh, { path: '/blob?n=10' });
      expect(later).toMatchObject({ status: 200, reused: true });
    } finally {
      fresh.destroy();
    }
  });

  it('refuses bad options and keeps the old ones', () => {
    proxy.set({ delayMs: 5 });
    expect(() => proxy.set({ delayMs: 10, faults: { stall: 1.5 } })).toThrow(/faults.stall/);
    expect(() => proxy.set({ faults: { cutRequest: 0.6, cutResponse: 0.6 } })).toThrow(/add up/);
    expect(() => proxy.set({ bytesPerSecond: -1 })).toThrow(/bytesPerSecond/);
    expect(() => proxy.set({ delayMs: Number.NaN })).toThrow(/delayMs/);
    expect(proxy.options()).toMatchObject({ delayMs: { up: 5, down: 5 }, faults: { stall: 0, cutRequest: 0 } });
  });
});

describe('chaos proxy close', () => {
  it('destroys stalled and mid-transfer connections and leaves no sockets, servers or timers behind', async () => {
    const kinds = ['TCPSocketWrap', 'TCPServerWrap', 'Timeout'];
    const count = () => {
      const all = process.getActiveResourcesInfo();
      return Object.fromEntries(kinds.map((kind) => [kind, all.filter((k) => k === kind).length]));
    };
    // Sockets the previous tests destroyed finish closing on a later turn of the event loop.
    const settled = async () => {
      let last = '';
      while (last !== JSON.stringify(count())) {
        last = JSON.stringify(count());
        await pause(50);
      }
      return count();
    };
    const before = await settled();
    const origin = await startOrigin();
    const proxy = await startChaosProxy({ target: { host: '127.0.0.1', port: origin.port } });
    const slow = new http.Agent({ keepAlive: true });
    proxy.set({ bytesPerSecond: { down: 50_000 }, delayMs: 20 });
    const outcome = (p: Promise<Answer>) =>
      p.then(
        () => 'answered',
        (error: Error) => error.message,
      );
    const download = outcome(request(proxy.port, slow, { path: '/blob?n=400000' }));
    await until(() => proxy.stats().bytes.down > 0);
    proxy.set({ faults: { stall: 1 } });
    const stalled = outcome(request(proxy.port, slow, { path: '/blob?n=10' }));
    await until(() => proxy.stats().faults.stall === 1);

    await proxy.close();
    expect(await download).not.toBe('answered');
    expect(await stalled).not.toBe('answered');
    slow.destroy();
    origin.server.closeAllConnections();
    await new Promise((resolve) => origin.server.close(resolve));
    expect(await settled()).toEqual(before);
  });
});
