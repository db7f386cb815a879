import { brotliCompressSync } from 'node:zlib';
import { SYNC_PATHS } from '../../../contract/sync/wire.js';
import type { PushRecord } from '../../../contract/sync/wire.js';
import type { HubDb } from '../../../hub/server/db.js';
import { createRequestSigner } from '../../../main/sync/request-signer.js';
import type { RequestSigner } from '../../../main/sync/request-signer.js';
import { enrollTestStation } from '../../support/test-station.js';
import { vitalsBacklog } from '../lib/fhir-vitals.js';
import { percentile, sleep } from '../lib/stats.js';

export interface ManyStationsOptions {
  stations: number;
  /** Pushes each station makes, one after another. */
  pushes: number;
  /** Records in each push. */
  recordsPerPush: number;
  /** Each station waits up to this long (uniformly) before each push, as stations do between writes. */
  maxPauseMs: number;
}

interface VirtualStation {
  signer: RequestSigner;
  bodies: Buffer[];
}

/** Enrolls `count` stations straight into the hub database, each with its own Ed25519 key. */
async function enrollStations(db: HubDb, count: number): Promise<Array<{ id: string; signer: RequestSigner }>> {
  const stations = [];
  for (let i = 0; i < count; i++) {
    const { stationId, privateKey } = await enrollTestStation(db, { name: `bench ${i}`, appVersion: 'bench' });
    stations.push({ id: stationId, signer: createRequestSigner(stationId, privateKey) });
  }
  return stations;
}

/** Every push body prepared (and compressed) before the clock starts: the bench times the hub. */
function prepare(signer: RequestSigner, options: ManyStationsOptions, seed: number): VirtualStation {
  const records = vitalsBacklog(options.pushes * options.recordsPerPush, { seed, patients: 40 });
  const bodies: Buffer[] = [];
  for (let p = 0; p < options.pushes; p++) {
    const slice = records.slice(p * options.recordsPerPush, (p + 1) * options.recordsPerPush);
    const pushed: PushRecord[] = slice.map((record) => {
      const body = JSON.parse(record.body) as { subject: { reference: string }; encounter: { reference: string } };
      return {
        id: record.id,
        version: 1,
        type: 'Observation',
        patientId: body.subject.reference.split('/')[1] ?? record.id,
        encounterId: body.encounter.reference.split('/')[1] ?? null,
        status: 'final',
        recordedAt: new Date().toISOString(),
        recordedBy: '00000000-0000-7000-8000-00000000d0c7',
        lane: 'routine',
        body: record.body,
      };
    });
    bodies.push(brotliCompressSync(Buffer.from(JSON.stringify({ records: pushed }))));
  }
  return { signer, bodies };
}

/**
 * `stations` stations online at once, each pushing its records as it writes them: every push's
 * round trip is timed; the answer must say applied for every record.
 */
export async function manyStations(
  hubUrl: string,
  db: HubDb,
  options: ManyStationsOptions,
): Promise<{ p50: number; p99: number; pushes: number; failures: number }> {
  const enrolled = await enrollStations(db, options.stations);
  const stations = enrolled.map((station, i) => prepare(station.signer, options, 1000 + i));
  const latencies: number[] = [];
  let failures = 0;
  await Promise.all(
    stations.map(async (station) => {
      for (const body of station.bodies) {
        await sleep(Math.random() * options.maxPauseMs);
        const headers = station.signer({ method: 'POST', path: SYNC_PATHS.push, body });
        const started = performance.now();
        const response = await fetch(`${hubUrl}${SYNC_PATHS.push}`, {
          method: 'POST',
          headers: {
            ...headers,
            'content-type': 'application/json',
            'content-encoding': 'br',
            'accept-encoding': 'br',
          },
          body,
        });
        const answer = (await response.json()) as { results?: Array<{ outcome: string }> };
        latencies.push(performance.now() - started);
        if (!response.ok || !answer.results?.every((result) => result.outcome === 'applied')) failures++;
      }
    }),
  );
  return { p50: percentile(latencies, 50), p99: percentile(latencies, 99), pushes: latencies.length, failures };
}
