import type Database from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import { ECG_LOINC } from '../../contract/records/vitals.js';
import type { DeviceIdentity } from '../../drivers/core/events.js';
import { encounterRef, patientRef, practitionerRef, SYSTEMS } from '../records/fhir-resources.js';
import type { Resource } from '../records/fhir-resources.js';
import { appendRecord } from '../records/ledger.js';
import type { Actor } from '../records/ledger.js';
import { requireOpenVisit } from '../records/visits.js';
import { provenanceResource, withDevice } from './device-resources.js';
import { packSteps, sampledDataText } from './ecg-strip.js';
import type { EcgStrip } from './ecg-strip.js';

/** ISO/IEEE 11073-10101 (MDC) codes of the twelve leads, as FHIR's ECG example uses them. */
const MDC = 'urn:oid:2.16.840.1.113883.6.24';
const LEAD_CODES: Readonly<Record<string, [code: string, display: string]>> = {
  I: ['131329', 'MDC_ECG_LEAD_I'],
  II: ['131330', 'MDC_ECG_LEAD_II'],
  V1: ['131331', 'MDC_ECG_LEAD_V1'],
  V2: ['131332', 'MDC_ECG_LEAD_V2'],
  V3: ['131333', 'MDC_ECG_LEAD_V3'],
  V4: ['131334', 'MDC_ECG_LEAD_V4'],
  V5: ['131335', 'MDC_ECG_LEAD_V5'],
  V6: ['131336', 'MDC_ECG_LEAD_V6'],
  III: ['131389', 'MDC_ECG_LEAD_III'],
  aVR: ['131390', 'MDC_ECG_LEAD_AVR'],
  aVL: ['131391', 'MDC_ECG_LEAD_AVL'],
  aVF: ['131392', 'MDC_ECG_LEAD_AVF'],
};

/** The strip as a FHIR Observation: one component per lead, each a SampledData. */
export function ecgObservation(
  id: string,
  patientId: string,
  encounterId: string,
  strip: EcgStrip,
  userId: string,
): Resource {
  return {
    resourceType: 'Observation',
    id,
    status: 'final',
    category: [{ coding: [{ system: SYSTEMS.observationCategory, code: 'procedure', display: 'Procedure' }] }],
    code: { coding: [{ system: SYSTEMS.loinc, code: ECG_LOINC, display: 'EKG study' }], text: 'ECG' },
    subject: patientRef(patientId),
    encounter: encounterRef(encounterId),
    effectivePeriod: { start: strip.startedAt, end: strip.endedAt },
    performer: [practitionerRef(userId)],
    component: strip.leads.map((lead, i) => {
      const [code, display] = LEAD_CODES[lead] ?? [lead, lead];
      return {
        code: { coding: [{ system: MDC, code, display }], text: lead },
        valueSampledData: {
          origin: { value: 0, unit: strip.unit === 'uV' ? 'µV' : strip.unit, system: SYSTEMS.ucum, code: strip.unit },
          period: 1000 / strip.sampleRate,
          factor: strip.resolution,
          dimensions: 1,
          data: sampledDataText(strip.steps[i] ?? new Int32Array()),
        },
      };
    }),
  };
}

/**
 * Stores a recorded strip in an open visit, in one transaction: the Observation (with the
 * device), its raw samples packed beside it, and a Provenance naming the doctor.
 */
export function storeEcgStrip(
  db: Database.Database,
  actor: Actor,
  visitId: string,
  strip: EcgStrip,
  identity: DeviceIdentity,
): string {
  return db
    .transaction(() => {
      const { patientId } = requireOpenVisit(db, visitId);
      const at = new Date().toISOString();
      const id = uuidv7();
      const body = withDevice(ecgObservation(id, patientId, visitId, strip, actor.userId), identity);
      appendRecord(
        db,
        actor,
        { id, version: 1, type: 'Observation', patientId, encounterId: visitId, status: 'final', body },
        'record-ecg',
        at,
      );
      db.prepare(
        `INSERT INTO waveform_samples (observation_id, version, sample_rate, leads, scale_uv, sample_count, gaps, data)
         VALUES (?, 1, ?, ?, ?, ?, ?, ?)`,
      ).run(
        id,
        strip.sampleRate,
        JSON.stringify(strip.leads),
        strip.resolution,
        strip.steps[0]?.length ?? 0,
        JSON.stringify(strip.gaps),
        packSteps(strip),
      );
      db.prepare(
        `INSERT INTO observation_index (observation_id, version, patient_id, encounter_id, kind, status, value, value2, unit, effective_at)
         VALUES (?, 1, ?, ?, 'ecg', 'final', ?, NULL, 's', ?)`,
      ).run(id, patientId, visitId, (strip.steps[0]?.length ?? 0) / strip.sampleRate, strip.startedAt);
      const provenanceId = uuidv7();
      appendRecord(
        db,
        actor,
        {
          id: provenanceId,
          version: 1,
          type: 'Provenance',
          patientId,
          encounterId: visitId,
          status: 'final',
          body: provenanceResource(provenanceId, [id], identity, actor.userId, at),
        },
        'confirm-device-readings',
        at,
      );
      return id;
    })
    .immediate();
}
