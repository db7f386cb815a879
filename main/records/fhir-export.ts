import type Database from 'better-sqlite3';
import { StationError } from '../../contract/errors.js';
import type { Resource } from './fhir-resources.js';
import { currentRecords } from './record-store.js';

const EXPORTED = [
  'Patient',
  'Encounter',
  'Observation',
  'Condition',
  'AllergyIntolerance',
  'Consent',
  'Provenance',
  'ServiceRequest',
  'Communication',
  'Media',
] as const;

/**
 * Everything the station holds for a patient as a FHIR R4 Bundle of type collection: the
 * current version of each record (meta.versionId is the station's version), plus the
 * practitioners the records point at, so every reference resolves inside the bundle.
 */
export function exportPatientBundle(
  db: Database.Database,
  stationId: string,
  patientId: string,
): Record<string, unknown> {
  const records = currentRecords(db, patientId, EXPORTED);
  if (!records.some((r) => r.type === 'Patient')) throw new StationError('not_found', { recordId: patientId });
  const base = `https://cunyi.health/fhir/station/${stationId}`;
  const practitioners = new Map<string, Resource>();
  const userName = db.prepare<[string], { display_name: string }>('SELECT display_name FROM users WHERE id = ?');
  for (const record of records) {
    if (practitioners.has(record.recordedBy)) continue;
    const name = userName.get(record.recordedBy)?.display_name;
    practitioners.set(record.recordedBy, {
      resourceType: 'Practitioner',
      id: record.recordedBy,
      ...(name ? { name: [{ text: name }] } : {}),
    });
  }
  const ordered = [...records].sort((a, b) => EXPORTED.indexOf(a.type) - EXPORTED.indexOf(b.type));
  const entries = [
    ...ordered.map((r) => ({ ...r.body, meta: { versionId: String(r.version), lastUpdated: r.recordedAt } })),
    ...practitioners.values(),
  ].map((resource) => ({ fullUrl: `${base}/${resource.resourceType}/${resource.id}`, resource }));
  return {
    resourceType: 'Bundle',
    type: 'collection',
    timestamp: new Date().toISOString(),
    entry: entries,
  };
}
