import { createHash } from 'node:crypto';
import { brotliDecompressSync } from 'node:zlib';
import { MAX_RECORD_BODY_BYTES, SyncRecordType } from '../../../contract/sync/wire.js';
import type { PayloadRef, PushRecord, PushResult } from '../../../contract/sync/wire.js';
import type { HubDb, Queryable } from '../db.js';

/** Hooks the push applier calls; kept as parameters so uploads and demographics stay in their modules. */
export interface PushHooks {
  /** Whether a record's payload has fully arrived and matches; absent means payloads are not accepted. */
  payloadStatus?: (
    tx: Queryable,
    stationId: string,
    ref: PayloadRef,
  ) => Promise<'complete' | 'incomplete' | 'mismatch'>;
  /** The bytes of a complete upload. */
  payloadBytes?: (tx: Queryable, uploadId: string) => Promise<Buffer | null>;
  /** Called in the same transaction for each newly stored Patient version. */
  onPatient?: (tx: Queryable, stationId: string, patientId: string, body: unknown) => Promise<void>;
  /**
   * Called in the same transaction for each newly stored record version; what it returns runs
   * once the batch has committed (live announcements must not precede the data they announce).
   */
  onRecord?: (tx: Queryable, stationId: string, record: PushRecord) => Promise<(() => Promise<void>) | null>;
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** The body a record sent as an upload: the upload's bytes, decompressed; null when they are not one. */
async function bodyFromPayload(tx: Queryable, hooks: PushHooks, ref: PayloadRef): Promise<string | null> {
  const bytes = await hooks.payloadBytes?.(tx, ref.uploadId);
  if (!bytes) return null;
  try {
    return brotliDecompressSync(bytes, { maxOutputLength: MAX_RECORD_BODY_BYTES }).toString('utf8');
  } catch {
    return null;
  }
}

/** A quick FHIR shape check: the body is the resource the record says it is. */
function fhirProblem(record: PushRecord): string | null {
  let body: unknown;
  try {
    body = JSON.parse(record.body);
  } catch {
    return 'body is not JSON';
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'body is not a FHIR resource';
  const resource = body as { resourceType?: unknown; id?: unknown };
  if (resource.resourceType !== record.type) return `resourceType is not ${record.type}`;
  if (resource.id !== record.id) return 'resource id does not match the record id';
  return null;
}

interface Candidate {
  index: number;
  record: PushRecord;
  sha: string;
}

interface ExistingRow {
  record_id: string;
  version: number;
  station_id: string;
  body_sha256: string;
}

const key = (id: string, version: number): string => `${id}/${version}`;

/** Stores the candidates that are new, in one statement; returns the keys it stored. */
async function insertNew(tx: Queryable, stationId: string, candidates: Candidate[]): Promise<Set<string>> {
  const column = <T>(pick: (c: Candidate) => T): T[] => candidates.map(pick);
  const rows = await tx.query<{ record_id: string; version: number }>(
    `INSERT INTO hub_records (record_id, version, station_id, type, patient_id, encounter_id, status, lane, body,
                              body_sha256, recorded_at, recorded_by)
     SELECT r.id, r.version, $1, r.type, r.patient_id, r.encounter_id, r.status, r.lane, r.body::jsonb,
            r.sha, r.recorded_at, r.recorded_by
     FROM unnest($2::uuid[], $3::int[], $4::text[], $5::uuid[], $6::uuid[], $7::text[], $8::text[], $9::text[],
                 $10::text[], $11::timestamptz[], $12::text[])
          AS r(id, version, type, patient_id, encounter_id, status, lane, body, sha, recorded_at, recorded_by)
     ON CONFLICT (record_id, version) DO NOTHING
     RETURNING record_id, version`,
    [
      stationId,
      column((c) => c.record.id),
      column((c) => c.record.version),
      column((c) => c.record.type),
      column((c) => c.record.patientId),
      column((c) => c.record.encounterId),
      column((c) => c.record.status),
      column((c) => c.record.lane),
      column((c) => c.record.body),
      column((c) => c.sha),
      column((c) => c.record.recordedAt),
      column((c) => c.record.recordedBy),
    ],
  );
  return new Set(rows.map((row) => key(row.record_id, row.version)));
}

/** What the hub already holds for the candidates it did not store now. */
async function existing(tx: Queryable, candidates: Candidate[]): Promise<Map<string, ExistingRow>> {
  if (candidates.length === 0) return new Map();
  const rows = await tx.query<ExistingRow>(
    `SELECT h.record_id, h.version, h.station_id, h.body_sha256
     FROM hub_records h JOIN unnest($1::uuid[], $2::int[]) AS k(id, version)
       ON h.record_id = k.id AND h.version = k.version`,
    [candidates.map((c) => c.record.id), candidates.map((c) => c.record.version)],
  );
  return new Map(rows.map((row) => [key(row.record_id, row.version), row]));
}

/**
 * Applies one pushed batch in one transaction and answers per record, in order. A record is
 * stored once per (id, version): the same version again is a duplicate, a different body
 * under the same version or another station's record is refused, never overwritten.
 */
export async function applyPush(
  db: HubDb,
  stationId: string,
  records: PushRecord[],
  hooks: PushHooks = {},
): Promise<PushResult[]> {
  const afterCommit: Array<() => Promise<void>> = [];
  const results = await db.transaction(async (tx) => {
    afterCommit.length = 0;
    const results: PushResult[] = new Array<PushResult>(records.length);
    const candidates: Candidate[] = [];
    for (const [index, pushed] of records.entries()) {
      let record = pushed;
      if (!SyncRecordType.safeParse(record.type).success) {
        results[index] = {
          outcome: 'rejected',
          reason: 'unknown_type',
          detail: `record type ${record.type} is not accepted`,
        };
        continue;
      }
      if (record.bodyInPayload && !record.payload) {
        results[index] = { outcome: 'rejected', reason: 'invalid_fhir', detail: 'bodyInPayload without a payload' };
        continue;
      }
      if (record.payload) {
        const status = hooks.payloadStatus ? await hooks.payloadStatus(tx, stationId, record.payload) : 'incomplete';
        if (status === 'incomplete') {
          results[index] = { outcome: 'pending', reason: 'payload_incomplete' };
          continue;
        }
        if (status === 'mismatch') {
          results[index] = {
            outcome: 'rejected',
            reason: 'payload_mismatch',
            detail: 'the uploaded payload does not match the SHA-256 and size the record declares',
          };
          continue;
        }
        if (record.bodyInPayload) {
          const body = await bodyFromPayload(tx, hooks, record.payload);
          if (body === null) {
            results[index] = {
              outcome: 'rejected',
              reason: 'payload_mismatch',
              detail: 'the upload is not a Brotli-compressed record body',
            };
            continue;
          }
          record = { ...record, body };
        }
      }
      const problem = fhirProblem(record);
      if (problem) {
        results[index] = { outcome: 'rejected', reason: 'invalid_fhir', detail: problem };
        continue;
      }
      const sha = sha256(record.body);
      const twin = candidates.find((c) => c.record.id === record.id && c.record.version === record.version);
      if (twin) {
        // The same version twice in one batch: stored once, from its first occurrence.
        results[index] =
          twin.sha === sha
            ? { outcome: 'duplicate' }
            : {
                outcome: 'rejected',
                reason: 'version_conflict',
                detail: 'the batch holds two bodies for this version',
              };
        continue;
      }
      candidates.push({ index, record, sha });
    }
    if (candidates.length > 0) {
      const stored = await insertNew(tx, stationId, candidates);
      const held = await existing(
        tx,
        candidates.filter((c) => !stored.has(key(c.record.id, c.record.version))),
      );
      for (const candidate of candidates) {
        const k = key(candidate.record.id, candidate.record.version);
        if (stored.has(k)) {
          results[candidate.index] = { outcome: 'applied' };
          if (candidate.record.type === 'Patient' && hooks.onPatient)
            await hooks.onPatient(tx, stationId, candidate.record.patientId, JSON.parse(candidate.record.body));
          const after = hooks.onRecord ? await hooks.onRecord(tx, stationId, candidate.record) : null;
          if (after) afterCommit.push(after);
          continue;
        }
        const row = held.get(k);
        if (row && row.station_id !== stationId)
          results[candidate.index] = {
            outcome: 'rejected',
            reason: 'foreign_record',
            detail: 'another station owns this record',
          };
        else if (row && row.body_sha256 !== candidate.sha)
          results[candidate.index] = {
            outcome: 'rejected',
            reason: 'version_conflict',
            detail: 'the hub holds a different body for this record version',
          };
        else if (row) results[candidate.index] = { outcome: 'duplicate' };
        // Not stored and not there: cannot happen under READ COMMITTED; fail the batch so it is retried.
        else throw new Error('a pushed record was neither stored nor found');
      }
    }
    await tx.query('UPDATE stations SET last_seen_at = now() WHERE station_id = $1', [stationId]);
    return results;
  });
  // Announcements are best effort: the state is committed and reaches everyone by pulling.
  await Promise.allSettled(afterCommit.map((announce) => announce()));
  return results;
}
