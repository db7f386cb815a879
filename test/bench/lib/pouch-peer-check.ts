import { loadavg } from 'node:os';
import { emergencyObservation, vitalsBacklog } from './fhir-vitals.js';
import { replicateWithPouch } from './pouch-peer.js';

/**
 * Self-check for pouch-peer.ts: `npx tsx test/bench/lib/pouch-peer-check.ts [count]` replicates
 * `count` (10,000) FHIR vitals Observations with PouchDB, the hub in this process and then in a
 * child process, and prints one JSON object with both results.
 */

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 10_000);
  if (!Number.isInteger(count) || count <= 0) throw new Error(`bad record count: ${process.argv[2]}`);
  const records = vitalsBacklog(count);
  const bytes = records.reduce((sum, record) => sum + Buffer.byteLength(record.body), 0);
  const emergency = emergencyObservation();
  const round = (result: Awaited<ReturnType<typeof replicateWithPouch>>) => ({
    drain_s: Number(result.drainSeconds.toFixed(2)),
    emergency_latency_ms: Math.round(result.emergencyLatencyMs),
    docs: result.docs,
  });
  const load = loadavg()[0]!.toFixed(2);
  const sameProcess = round(await replicateWithPouch(records, emergency, { hub: 'same-process' }));
  const childProcess = round(await replicateWithPouch(records, emergency, { hub: 'child-process' }));
  console.log(
    JSON.stringify({
      backlog: count,
      mean_body_bytes: Math.round(bytes / count),
      load_average_1m_at_start: Number(load),
      same_process: sameProcess,
      child_process: childProcess,
    }),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
