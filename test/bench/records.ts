import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PatientInput } from '../../contract/records/patient.js';
import { VitalsInput } from '../../contract/records/vitals.js';
import { databasePath, DEMO_DOCTOR_ID, startCore } from '../../main/core.js';
import { createLogger } from '../../main/logger.js';
import { writeReadings } from '../../main/records/observations.js';
import { registerPatient } from '../../main/records/register-patient.js';
import { openStore } from '../../main/store/index.js';
import { closeVisit, openVisit } from '../../main/records/visits.js';
import { person, rng } from './lib/population.js';

/**
 * bench:records — 100,000 registered patients and 20 visits with vitals for 1,000 of them,
 * then, through the running core's dispatcher (zod parsing and all): search by name, pinyin,
 * initials, ID part and phone; registering a patient (one committed transaction with outbox
 * and audit entries, fsync included); loading the timeline of a patient with 500 observations.
 */
const PATIENTS = Number(process.env.BENCH_PATIENTS ?? 100_000);
const WITH_VISITS = 1_000;
const VISITS = 20;
const PIN = '2468';

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
};
const round = (n: number) => Math.round(n * 100) / 100;

function seed(dataDir: string): { people: ReturnType<typeof person>[]; busy: string } {
  const store = openStore(databasePath(dataDir));
  const db = store.db;
  db.prepare(
    "INSERT INTO users (id, display_name, role, pin_hash, created_at) VALUES ('seed', '建档', 'doctor', 'x', 'now')",
  ).run();
  const actor = { userId: 'seed', stationId: 'bench' };
  const r = rng(20261122);
  const used = new Set<string>();
  const people: ReturnType<typeof person>[] = [];
  const ids: string[] = [];
  const started = performance.now();
  for (let start = 0; start < PATIENTS; start += 2_000) {
    db.transaction(() => {
      for (let i = start; i < Math.min(PATIENTS, start + 2_000); i++) {
        const p = person(r, i, used);
        people.push(p);
        const fields = PatientInput.parse({
          ...p,
          chronicConditions: r() < 0.2 ? ['hypertension'] : [],
          consent: { telemedicine: true, shareWithHub: true },
        });
        // A seeded village has namesakes; the registering doctor has looked and confirmed.
        let result: { id: string } | null = null;
        let notDuplicateOf: string[] = [];
        while (result === null) {
          try {
            result = registerPatient(db, actor, fields, { notDuplicateOf });
          } catch (error) {
            const candidates = (error as { details?: { candidates?: { id: string }[] } }).details?.candidates;
            if (!candidates) throw error;
            notDuplicateOf = [...notDuplicateOf, ...candidates.map((c) => c.id)];
          }
        }
        ids.push(result.id);
      }
    })();
  }
  process.stderr.write(
    `seeded ${String(PATIENTS)} patients in ${String(Math.round(performance.now() - started))} ms\n`,
  );
  const vitalsSet = () =>
    VitalsInput.parse({
      systolic: 110 + Math.floor(r() * 70),
      diastolic: 65 + Math.floor(r() * 30),
      heartRate: 58 + Math.floor(r() * 40),
      spo2: 93 + Math.floor(r() * 7),
      temperature: 36 + Math.floor(r() * 15) / 10,
      respiratoryRate: 14 + Math.floor(r() * 8),
      glucose: 4 + Math.floor(r() * 80) / 10,
      weight: 45 + Math.floor(r() * 400) / 10,
      height: 150 + Math.floor(r() * 30),
    });
  const repeat = () =>
    VitalsInput.parse({
      systolic: 110 + Math.floor(r() * 70),
      diastolic: 70,
      heartRate: 72,
      spo2: 97,
      temperature: 36.6,
      respiratoryRate: 16,
      glucose: 6.1,
      weight: 60.5,
    });
  for (let n = 0; n < WITH_VISITS; n++) {
    const patientId = ids[Math.floor((n * ids.length) / WITH_VISITS)]!;
    // Every one of the 1,000 has 20 visits with a full set (9 observations with BMI); the
    // first ten also have repeat measurements, 25 observations a visit: 500 in all.
    const busyPatient = n < 10;
    db.transaction(() => {
      for (let v = 0; v < VISITS; v++) {
        const { id } = openVisit(db, actor, { patientId, reason: 'chronic_follow_up' });
        const at = new Date().toISOString();
        writeReadings(db, actor, at, patientId, id, vitalsSet());
        if (busyPatient) {
          writeReadings(db, actor, at, patientId, id, vitalsSet());
          writeReadings(db, actor, at, patientId, id, repeat());
        }
        closeVisit(db, actor, id);
      }
    })();
  }
  process.stderr.write(`seeded visits in ${String(Math.round(performance.now() - started))} ms total\n`);
  store.close();
  return { people, busy: ids[0]! };
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cunyi-bench-records-'));
  try {
    const { people, busy } = seed(dataDir);
    const core = await startCore({
      dataDir,
      hubUrl: null,
      mode: 'browser',
      appVersion: 'bench',
      logger: createLogger('bench', 'silent'),
      demoDoctorPin: PIN,
    });
    const call = async (channel: string, input: unknown) => {
      const result = await core.dispatcher.call(channel, input, { via: 'internal' });
      if (!result.ok) throw new Error(`${channel}: ${result.error.code}`);
      return result.value;
    };
    await call('auth.signIn', { userId: DEMO_DOCTOR_ID, pin: PIN });
    const timed = async (fn: () => Promise<unknown>) => {
      const t = performance.now();
      await fn();
      return performance.now() - t;
    };

    const r = rng(7);
    const queries: string[] = [];
    const { nameSearchKeys } = await import('../../main/records/search-keys.js');
    for (let i = 0; i < 200; i++) {
      const p = people[Math.floor(r() * people.length)]!;
      const keys = nameSearchKeys(p.name);
      queries.push(p.name, keys.pinyin, keys.initials, p.nationalId.slice(10, 16), p.phone, p.phone.slice(-4));
    }
    const searchTimes: number[] = [];
    for (const query of queries.slice(0, 60)) await call('patients.search', { query }); // warm-up
    for (const query of queries) searchTimes.push(await timed(() => call('patients.search', { query })));

    const used = new Set(people.map((p) => p.nationalId.slice(0, 17)));
    // A registration is timed as the call that commits it. When the core first answers
    // "possible duplicate" (a namesake born the same day), the doctor looks and confirms: that
    // read-only check is counted separately, not folded into the write's time.
    const registerTimes: number[] = [];
    const duplicateCheckTimes: number[] = [];
    for (let i = 0; i < 200; i++) {
      // Let the core's timers run between registrations, as they do between a doctor's saves
      // (its WAL checkpoints run on one; a tight loop would never give it a turn).
      await new Promise((resolve) => setTimeout(resolve, 20));
      const p = person(r, PATIENTS + i, used);
      const patient = { ...p, chronicConditions: [], consent: { telemedicine: true, shareWithHub: true } };
      let refused: string[] | null = null;
      const first = await timed(async () => {
        const result = await core.dispatcher.call('patients.register', { patient }, { via: 'internal' });
        if (!result.ok && result.error.code === 'possible_duplicate')
          refused = (result.error.details?.candidates ?? []).map((c) => String(c['id']));
        else if (!result.ok) throw new Error(result.error.code);
      });
      const candidates = refused as string[] | null;
      if (candidates === null) {
        registerTimes.push(first);
        continue;
      }
      duplicateCheckTimes.push(first);
      const notDuplicateOf = candidates;
      registerTimes.push(await timed(() => call('patients.register', { patient, notDuplicateOf })));
    }

    const observations = (await call('patients.timeline', { id: busy, limit: 2000 })) as { type: string }[];
    const observationCount = observations.filter((e) => e.type === 'Observation').length;
    const timelineTimes: number[] = [];
    for (let i = 0; i < 5; i++) await call('patients.timeline', { id: busy, limit: 2000 });
    for (let i = 0; i < 100; i++)
      timelineTimes.push(await timed(() => call('patients.timeline', { id: busy, limit: 2000 })));

    await core.close();
    const dbBytes = ['', '-wal'].reduce((sum, suffix) => {
      try {
        return sum + statSync(databasePath(dataDir) + suffix).size;
      } catch {
        return sum;
      }
    }, 0);
    process.stderr.write(`timeline patient holds ${String(observationCount)} observations\n`);
    console.log(
      JSON.stringify({
        patients: PATIENTS,
        search_p50_ms: round(percentile(searchTimes, 50)),
        search_p95_ms: round(percentile(searchTimes, 95)),
        register_p95_ms: round(percentile(registerTimes, 95)),
        register_p50_ms: round(percentile(registerTimes, 50)),
        register_duplicate_prompts: duplicateCheckTimes.length,
        timeline_p95_ms: round(percentile(timelineTimes, 95)),
        timeline_observations: observationCount,
        db_mb: round(dbBytes / 1024 / 1024),
      }),
    );
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
