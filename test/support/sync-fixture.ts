import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type Database from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import { v7 as uuidv7 } from 'uuid';
import { PatientInput } from '../../contract/records/patient.js';
import { VitalsInput } from '../../contract/records/vitals.js';
import type { Lane, PushRecord } from '../../contract/sync/wire.js';
import type { HubOptions } from '../../hub/server/app.js';
import { buildHub } from '../../hub/server/app.js';
import { openHubDb } from '../../hub/server/db.js';
import type { HubDb } from '../../hub/server/db.js';
import { migrate } from '../../hub/server/migrate.js';
import { enrollmentCodeDigest, newEnrollmentCode } from '../../hub/server/sync/enrollment-code.js';
import { appendRecord } from '../../main/records/ledger.js';
import type { Actor } from '../../main/records/ledger.js';
import { observationResource } from '../../main/records/observations.js';
import { registerPatient } from '../../main/records/register-patient.js';
import { readingsFromVitals } from '../../main/records/vital-readings.js';

/** An in-process hub on PGlite in memory (or the PostgreSQL database named), listening on loopback. */
export interface TestHub {
  db: HubDb;
  app: FastifyInstance;
  url: string;
  port: number;
  /** A fresh one-time enrollment code. */
  enrollmentCode(name?: string): Promise<string>;
  close(): Promise<void>;
}

/** Makes sure the admin who issues test enrollment codes exists. */
async function ensureTestAdmin(db: HubDb): Promise<void> {
  await db.query(
    `INSERT INTO admin_users (username, password_hash) VALUES ('test-admin', 'not-a-hash') ON CONFLICT DO NOTHING`,
  );
}

/** Inserts a one-time enrollment code straight into the hub database. */
export async function insertEnrollmentCode(db: HubDb, name = '东山村卫生室'): Promise<string> {
  await ensureTestAdmin(db);
  const code = newEnrollmentCode();
  await db.query(
    `INSERT INTO enrollment_codes (code_sha256, name, created_by, expires_at)
     VALUES ($1, $2, 'test-admin', now() + interval '1 day')`,
    [enrollmentCodeDigest(code), name],
  );
  return code;
}

export async function startTestHub(
  options: {
    db?: HubDb;
    databaseUrl?: string;
    port?: number;
    hub?: Pick<HubOptions, 'widenAfterMs' | 'iceConfig'>;
  } = {},
): Promise<TestHub> {
  const db = options.db ?? (await openHubDb(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}));
  await migrate(db);
  const app = await buildHub({ db, version: 'test', logger: false, ...options.hub });
  await app.listen({ host: '127.0.0.1', port: options.port ?? 0 });
  const { port } = app.server.address() as AddressInfo;
  return {
    db,
    app,
    port,
    url: `http://127.0.0.1:${port}`,
    enrollmentCode: (name) => insertEnrollmentCode(db, name),
    close: async () => {
      await app.close();
      if (!options.db) await db.close();
    },
  };
}

const ZHANG = {
  name: '张三',
  sex: 'female',
  birthDate: '1949-12-31',
  village: '东山村',
  consent: { telemedicine: true, shareWithHub: true },
} as const;

/** Registers a patient (several records: Patient, Consent, …), returning the patient's id. */
export function registerTestPatient(db: Database.Database, actor: Actor): string {
  return registerPatient(db, actor, PatientInput.parse(ZHANG), {}).id;
}

/**
 * Writes `count` vitals Observations (heart rate) for a patient, each in its own transaction
 * as the station writes them, in the given lane; returns their ids.
 */
export function writeObservations(
  db: Database.Database,
  actor: Actor,
  patientId: string,
  count: number,
  lane: Lane = 'routine',
): string[] {
  const [reading] = readingsFromVitals(VitalsInput.parse({ heartRate: 72 }));
  const ids: string[] = [];
  const write = db.transaction((id: string, at: string) => {
    const body = observationResource(
      id,
      patientId,
      null,
      { ...reading!, value: 60 + (ids.length % 40) },
      'final',
      at,
      actor.userId,
    );
    appendRecord(
      db,
      actor,
      { id, version: 1, type: 'Observation', patientId, encounterId: null, status: 'final', body },
      'record-vital',
      at,
      lane,
    );
  });
  for (let i = 0; i < count; i++) {
    const id = uuidv7();
    write.immediate(id, new Date().toISOString());
    ids.push(id);
  }
  return ids;
}

/** Every record version the station holds, as "id/version" → SHA-256 of its body. */
export function stationRecords(db: Database.Database): Map<string, string> {
  const rows = db
    .prepare<[], { id: string; version: number; body: string }>('SELECT id, version, body FROM records')
    .all();
  return new Map(rows.map((row) => [`${row.id}/${row.version}`, sha(row.body)]));
}

/** Every record version the hub holds for a station, as "id/version" → body SHA-256, and how many rows. */
export async function hubRecords(db: HubDb, stationId: string): Promise<{ map: Map<string, string>; rows: number }> {
  const rows = await db.query<{ record_id: string; version: number; body_sha256: string }>(
    'SELECT record_id, version, body_sha256 FROM hub_records WHERE station_id = $1',
    [stationId],
  );
  return { map: new Map(rows.map((row) => [`${row.record_id}/${row.version}`, row.body_sha256])), rows: rows.length };
}

const sha = (text: string): string => createHash('sha256').update(text).digest('hex');

/** A minimal pushed Observation record, as a station would send it; fields overridable. */
export function pushRecord(overrides: Partial<PushRecord> = {}): PushRecord {
  const id = overrides.id ?? uuidv7();
  return {
    id,
    version: 1,
    type: 'Observation',
    patientId: uuidv7(),
    encounterId: null,
    status: 'final',
    recordedAt: new Date().toISOString(),
    recordedBy: 'u-1',
    lane: 'routine',
    body: JSON.stringify({ resourceType: 'Observation', id, status: 'final' }),
    ...overrides,
  };
}
