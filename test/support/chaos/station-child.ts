/**
 * A station core in its own process for the kill -9 tests: signs in, keeps one patient with
 * an open visit, and records vitals one call at a time while the core syncs. After each call
 * returns it prints `W <observation ids>`: a write the doctor was told succeeded. The parent
 * kills it at a random moment. With CHILD_MODE=drain it writes nothing, waits for the outbox
 * to empty and prints `DRAINED`.
 */
import { DEMO_DOCTOR_ID, startCore } from '../../../main/core.js';
import { createLogger } from '../../../main/logger.js';

const PIN = '2468';
const env = process.env;
const core = await startCore({
  dataDir: env.CHILD_DATA_DIR ?? '',
  hubUrl: env.CHILD_HUB_URL ?? null,
  enrollmentCode: env.CHILD_ENROLLMENT_CODE ?? '',
  mode: 'browser',
  appVersion: 'chaos',
  logger: createLogger('chaos', 'silent'),
  demoDoctorPin: PIN,
  sync: {
    batch: { maxRecords: Number(env.CHILD_BATCH ?? 50), maxBytes: 1 << 20 },
    backoffMs: () => 200,
    routineDelayMs: 20,
  },
});

async function value<T>(channel: string, input: unknown): Promise<T> {
  const result = await core.dispatcher.call(channel, input, { via: 'internal' });
  if (!result.ok) throw new Error(`${channel}: ${result.error.code}`);
  return result.value as T;
}

await value('auth.signIn', { userId: DEMO_DOCTOR_ID, pin: PIN });

if (env.CHILD_MODE === 'drain') {
  for (;;) {
    const status = await value<{ waiting: Record<string, number>; state: string }>('sync.status', {});
    if (status.state === 'online' && Object.values(status.waiting).every((n) => n === 0)) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  process.stdout.write('DRAINED\n');
  await core.close();
  process.exit(0);
}

const found = await value<Array<{ id: string }>>('patients.search', { query: 'zs' });
let patientId = found[0]?.id;
if (!patientId) {
  const registered = await value<{ id: string }>('patients.register', {
    patient: {
      name: '张三',
      sex: 'female',
      birthDate: '1949-12-31',
      village: '东山村',
      consent: { telemedicine: true, shareWithHub: true },
    },
  });
  patientId = registered.id;
}
const record = await value<{ openVisitId: string | null }>('patients.get', { id: patientId });
const visitId =
  record.openVisitId ?? (await value<{ id: string }>('visits.open', { patientId, reason: 'chronic_follow_up' })).id;
process.stdout.write('READY\n');

// Pipes are written synchronously on Linux: once a line is out, the parent has it, even if
// SIGKILL follows at once.
for (let i = 0; ; i++) {
  const { observationIds } = await value<{ observationIds: string[] }>('visits.recordVitals', {
    visitId,
    vitals: { heartRate: 60 + (i % 50), spo2: 90 + (i % 10) },
  });
  process.stdout.write(`W ${observationIds.join(' ')}\n`);
  await new Promise((resolve) => setImmediate(resolve));
}
