import type Database from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import { StationError } from '../../contract/errors.js';
import type { Interpretation, VitalReading } from '../../contract/records/visit.js';
import type { VitalsFields } from '../../contract/records/vitals.js';
import { EXTENSIONS, SYSTEMS, encounterRef, patientRef, practitionerRef, withCorrection } from './fhir-resources.js';
import type { Resource } from './fhir-resources.js';
import { appendRecord } from './ledger.js';
import type { Actor } from './ledger.js';
import { currentVersion } from './record-store.js';
import { readingsFromVitals } from './vital-readings.js';
import type { Reading } from './vital-readings.js';
import { prepared } from '../store/prepared.js';

const quantity = (value: number, unit: string, ucum: string) => ({ value, unit, system: SYSTEMS.ucum, code: ucum });
const coded = (code: string, display: string) => ({
  coding: [{ system: SYSTEMS.loinc, code, display }],
  text: display,
});
const interpretation = (code: Interpretation | null) =>
  code === null ? {} : { interpretation: [{ coding: [{ system: SYSTEMS.interpretation, code }] }] };

/** A reading as a FHIR vital-signs Observation: value and unit exactly as measured. */
export function observationResource(
  id: string,
  patientId: string,
  encounterId: string | null,
  reading: Reading,
  status: 'final' | 'amended' | 'entered-in-error',
  effectiveAt: string,
  userId: string,
): Resource {
  const base = {
    resourceType: 'Observation',
    id,
    ...(reading.context ? { extension: [{ url: EXTENSIONS.glucoseContext, valueString: reading.context }] } : {}),
    status,
    category: [{ coding: [{ system: SYSTEMS.observationCategory, code: 'vital-signs', display: 'Vital Signs' }] }],
    code: coded(reading.loinc, reading.display),
    subject: patientRef(patientId),
    ...(encounterId ? { encounter: encounterRef(encounterId) } : {}),
    effectiveDateTime: effectiveAt,
    performer: [practitionerRef(userId)],
  };
  if (reading.components) {
    return {
      ...base,
      component: reading.components.map((c) => ({
        code: coded(c.loinc, c.display),
        valueQuantity: quantity(c.value, c.unit, c.ucum),
        ...interpretation(c.interpretation),
      })),
    };
  }
  return {
    ...base,
    valueQuantity: quantity(reading.value, reading.unit, reading.ucum),
    ...interpretation(reading.interpretation),
  };
}

export function indexObservation(
  db: Database.Database,
  id: string,
  version: number,
  patientId: string,
  encounterId: string | null,
  reading: Reading,
  status: string,
  effectiveAt: string,
): void {
  prepared(
    db,
    `INSERT INTO observation_index (observation_id, version, patient_id, encounter_id, kind, status, value, value2, unit, effective_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (observation_id) DO UPDATE SET version = excluded.version, status = excluded.status,
       value = excluded.value, value2 = excluded.value2, unit = excluded.unit`,
  ).run(
    id,
    version,
    patientId,
    encounterId,
    reading.kind,
    status,
    reading.value,
    reading.value2,
    reading.unit,
    effectiveAt,
  );
}

/** Writes each reading of a vitals entry as its own Observation, all in the caller's transaction. */
export function writeReadings(
  db: Database.Database,
  actor: Actor,
  at: string,
  patientId: string,
  encounterId: string | null,
  vitals: VitalsFields,
): string[] {
  const ids: string[] = [];
  for (const reading of readingsFromVitals(vitals)) {
    const id = uuidv7();
    const body = observationResource(id, patientId, encounterId, reading, 'final', at, actor.userId);
    appendRecord(
      db,
      actor,
      { id, version: 1, type: 'Observation', patientId, encounterId, status: 'final', body },
      'record-vital',
      at,
    );
    indexObservation(db, id, 1, patientId, encounterId, reading, 'final', at);
    ids.push(id);
  }
  return ids;
}

/**
 * A corrected reading: a new version of the same Observation, status amended, pointing at the
 * version it replaces. The correction must measure the same thing.
 */
export function amendReading(
  db: Database.Database,
  actor: Actor,
  observationId: string,
  vitals: VitalsFields,
  reason: string,
): { id: string; version: number } {
  return db
    .transaction(() => {
      const old = currentVersion(db, observationId, 'Observation');
      if (old.status === 'entered-in-error') throw new StationError('record_retired', { recordId: observationId });
      const row = prepared<[string], { kind: string; effective_at: string }>(
        db,
        'SELECT kind, effective_at FROM observation_index WHERE observation_id = ?',
      ).get(observationId);
      const readings = readingsFromVitals(vitals).filter((r) => r.kind === row?.kind);
      const reading = readings[0];
      if (!row || !reading || readings.length !== 1) {
        throw new StationError('invalid_input', {
          issues: [{ path: ['vitals'], code: 'vitals.amend_other_kind', message: 'vitals.amend_other_kind' }],
        });
      }
      const at = new Date().toISOString();
      const version = old.version + 1;
      const body = withCorrection(
        observationResource(
          observationId,
          old.patientId,
          old.encounterId,
          reading,
          'amended',
          row.effective_at,
          actor.userId,
        ),
        old.version,
        reason,
      );
      appendRecord(
        db,
        actor,
        {
          id: observationId,
          version,
          type: 'Observation',
          patientId: old.patientId,
          encounterId: old.encounterId,
          status: 'amended',
          body,
        },
        'amend',
        at,
      );
      indexObservation(
        db,
        observationId,
        version,
        old.patientId,
        old.encounterId,
        reading,
        'amended',
        row.effective_at,
      );
      return { id: observationId, version };
    })
    .immediate();
}

interface IndexRow {
  observation_id: string;
  version: number;
  kind: string;
  status: VitalReading['status'];
  value: number;
  value2: number | null;
  unit: string;
  effective_at: string;
  encounter_id: string | null;
  body: string;
}

/** Interpretations and codes come from the stored resource, so they are what was recorded. */
function toReading(row: IndexRow): VitalReading {
  const body = JSON.parse(row.body) as {
    code: { coding: { code: string }[] };
    extension?: { url: string; valueString: string }[];
    interpretation?: { coding: { code: Interpretation }[] }[];
    component?: { interpretation?: { coding: { code: Interpretation }[] }[] }[];
  };
  const interp = (x?: { coding: { code: Interpretation }[] }[]) => x?.[0]?.coding[0]?.code ?? null;
  return {
    id: row.observation_id,
    version: row.version,
    kind: row.kind,
    loinc: body.code.coding[0]?.code ?? '',
    value: row.value,
    value2: row.value2,
    unit: row.unit,
    interpretation: body.component ? interp(body.component[0]?.interpretation) : interp(body.interpretation),
    interpretation2: body.component ? interp(body.component[1]?.interpretation) : null,
    context: body.extension?.find((e) => e.url === EXTENSIONS.glucoseContext)?.valueString ?? null,
    status: row.status,
    effectiveAt: row.effective_at,
    visitId: row.encounter_id,
  };
}

const READING_SQL = `SELECT o.observation_id, o.version, o.kind, o.status, o.value, o.value2, o.unit, o.effective_at, o.encounter_id, r.body
  FROM observation_index o JOIN records r ON r.id = o.observation_id AND r.version = o.version`;

export function readingsOfVisit(db: Database.Database, visitId: string): VitalReading[] {
  return prepared<[string], IndexRow>(db, `${READING_SQL} WHERE o.encounter_id = ? ORDER BY o.effective_at, o.kind`)
    .all(visitId)
    .map(toReading);
}

/** The newest valid reading of each kind. */
export function latestReadings(db: Database.Database, patientId: string): VitalReading[] {
  return prepared<[string], IndexRow>(
    db,
    `${READING_SQL} WHERE o.patient_id = ? AND o.status != 'entered-in-error'
         AND o.effective_at = (SELECT max(effective_at) FROM observation_index x
                               WHERE x.patient_id = o.patient_id AND x.kind = o.kind AND x.status != 'entered-in-error')
       GROUP BY o.kind ORDER BY o.kind`,
  )
    .all(patientId)
    .map(toReading);
}

/** A kind's valid readings over time, oldest first, for the charts. */
export function readingSeries(db: Database.Database, patientId: string, kind: string, limit = 500): VitalReading[] {
  return prepared<[string, string, number], IndexRow>(
    db,
    `SELECT * FROM (${READING_SQL} WHERE o.patient_id = ? AND o.kind = ? AND o.status != 'entered-in-error'
         ORDER BY o.effective_at DESC LIMIT ?) ORDER BY effective_at`,
  )
    .all(patientId, kind, limit)
    .map(toReading);
}
