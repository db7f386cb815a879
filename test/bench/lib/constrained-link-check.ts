import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { setupConstrainedLink } from './constrained-link.js';
import type { ConstrainedLink } from './constrained-link.js';

/**
 * Self-check for constrained-link.ts: `npx tsx test/bench/lib/constrained-link-check.ts [userspace]`.
 * Moves 256 KB each way over HTTP through the link to a stand-in hub and prints one JSON object
 * with the achieved rates, the round-trip time and the bytes on the wire.
 */

const SIZE = 256 * 1024;

function call(agent: http.Agent, url: string, method: string, body?: Buffer): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, agent }, (res) => {
      let received = 0;
      res.on('data', (chunk: Buffer) => (received += chunk.length));
      res.on('end', () => resolve(received));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function measure(link: ConstrainedLink): Promise<Record<string, unknown>> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  try {
    await call(agent, `${link.url}/ping`, 'GET');
    const rtts: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      const started = performance.now();
      await call(agent, `${link.url}/ping`, 'GET');
      rtts.push(performance.now() - started);
    }
    rtts.sort((a, b) => a - b);
    const before = link.bytesOnWire();
    let started = performance.now();
    await call(agent, `${link.url}/sink`, 'POST', randomBytes(SIZE));
    const upSeconds = (performance.now() - started) / 1000;
    started = performance.now();
    const got = await call(agent, `${link.url}/source`, 'GET');
    if (got !== SIZE) throw new Error(`downloaded ${got} bytes, expected ${SIZE}`);
    const downSeconds = (performance.now() - started) / 1000;
    const after = link.bytesOnWire();
    return {
      kind: link.kind,
      note: link.note,
      rtt_ms_median: Math.round(rtts[2]!),
      upload_kbit_s: Math.round((SIZE * 8) / upSeconds / 1000),
      upload_s: Number(upSeconds.toFixed(2)),
      download_kbit_s: Math.round((SIZE * 8) / downSeconds / 1000),
      download_s: Number(downSeconds.toFixed(2)),
      wire_bytes_per_payload_byte: Number(((after.up - before.up + after.down - before.down) / (2 * SIZE)).toFixed(3)),
      bytes_on_wire: link.bytesOnWire(),
      packets_dropped: link.packetsDropped(),
    };
  } finally {
    agent.destroy();
  }
}

async function main(): Promise<void> {
  const payload = randomBytes(SIZE);
  const hub = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (req.url === '/source') res.end(payload);
      else res.end('ok');
    });
  });
  await new Promise<void>((resolve) => hub.listen(0, '127.0.0.1', resolve));
  const hubPort = (hub.address() as AddressInfo).port;
  const mode = process.argv[2] === 'userspace' ? 'userspace' : 'auto';
  const link = await setupConstrainedLink({ hubPort, rateKbit: 512, delayMs: 150, lossPercent: 2, mode });
  let result: Record<string, unknown>;
  try {
    result = await measure(link);
  } finally {
    await link.teardown();
    hub.closeAllConnections();
    hub.close();
  }
  const leftover = (spawnSync('ip', ['netns', 'list'], { encoding: 'utf8' }).stdout ?? '')
    .split('\n')
    .filter((line) => line.startsWith(`cunyi-link-${process.pid}-`));
  console.log(JSON.stringify({ ...result, namespaces_left_after_teardown: leftover.length }));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
