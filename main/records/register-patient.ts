import type Database from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import { StationError } from '../../contract/errors.js';
import { nationalIdMismatches, parseNationalId } from '../../contract/records/national-id.js';
import type { PatientFields } from '../../contract/records/patient.js';
import { chronicCondition } from '../../contract/records/chronic-conditions.js';
import { addCondition } from './conditions.js';
import { allergyResource, consentResource, patientResource } from './fhir-resources.js';
import type { PatientFacts } from './fhir-resources.js';
import { appendRecord } from './ledger.js';
import type { Actor } from './ledger.js';
import { likelyDuplicates } from './patient-duplicates.js';
import { indexPatient } from './patient-index.js';
import { prepared } from '../store/prepared.js';

export interface RegisterOptions {
  /** Candidates the doctor looked at and decided are other people. */
  notDuplicateOf?: readonly string[];
  /** The doctor saw that the typed birth date or sex disagrees with the ID and keeps them. */
  acceptIdMismatch?: boolean;
}

const fieldError = (path: string, code: string) =>
  new StationError('invalid_input', { issues: [{ path: [path], code, message: code }] });

/** The stored national ID (always the 18-digit form), after every check the ID allows. */
function checkedNationalId(fields: PatientFields, options: RegisterOptions): string | null {
  if (fields.nationalId === undefined || fields.nationalId === '') return null;
  const parsed = parseNationalId(fields.nationalId);
  if (!parsed.ok) throw fieldError('nationalId', `national_id.${parsed.reason}`);
  const mismatches = nationalIdMismatches(parsed.value, { birthDate: fields.birthDate, sex: fields.sex });
  if (mismatches.length > 0 && !options.acceptIdMismatch) {
    throw new StationError('invalid_input', {
      issues: mismatches.map((field) => ({
        path: [field],
        code: `national_id.mismatch_${field}`,
        message: 'differs from the ID',
      })),
    });
  }
  return parsed.value.id18;
}

/**
 * Registers a patient: the Patient record, the consent, allergies and chronic conditions, each
 * a record version with its outbox and audit entries, all in one transaction. An exact ID match
 * is refused with the existing record's id; likely duplicates are refused with the candidates
 * until the doctor says they are other people.
 */
export function registerPatient(
  db: Database.Database,
  actor: Actor,
  fields: PatientFields,
  options: RegisterOptions = {},
): { id: string } {
  const nationalId = checkedNationalId(fields, options);
  const at = new Date().toISOString();
  const id = uuidv7();
  return db
    .transaction(() => {
      if (nationalId !== null) {
        const existing = prepared<[string], { patient_id: string }>(
          db,
          "SELECT patient_id FROM patient_index WHERE national_id = ? AND status = 'active'",
        ).get(nationalId);
        if (existing) throw new StationError('duplicate_national_id', { recordId: existing.patient_id });
      }
      const candidates = likelyDuplicates(db, fields).filter((c) => !options.notDuplicateOf?.includes(c.id));
      if (candidates.length > 0) throw new StationError('possible_duplicate', { candidates });

      const facts: PatientFacts = {
        name: fields.name,
        sex: fields.sex,
        birthDate: fields.birthDate,
        nationalId,
        phone: fields.phone ?? null,
        village: fields.village,
        address: fields.address ?? null,
        insuranceNumber: fields.insuranceNumber ?? null,
        emergencyContact: fields.emergencyContact
          ? { ...fields.emergencyContact, relationship: fields.emergencyContact.relationship ?? null }
          : null,
      };
      const base = { patientId: id, encounterId: null, version: 1 };
      appendRecord(
        db,
        actor,
        { ...base, id, type: 'Patient', status: 'active', body: patientResource(id, facts) },
        'create',
        at,
      );
      indexPatient(db, {
        id,
        version: 1,
        status: 'active',
        name: fields.name,
        sex: fields.sex,
        birthDate: fields.birthDate,
        nationalId,
        phone: fields.phone ?? null,
        village: fields.village,
      });
      const consentId = uuidv7();
      appendRecord(
        db,
        actor,
        {
          ...base,
          id: consentId,
          type: 'Consent',
          status: 'active',
          body: consentResource(consentId, id, fields.consent, at, actor.userId),
        },
        'create',
        at,
      );
      for (const allergy of fields.allergies) {
        const allergyId = uuidv7();
        const body = allergyResource(allergyId, id, allergy, at, actor.userId);
        appendRecord(
          db,
          actor,
          { ...base, id: allergyId, type: 'AllergyIntolerance', status: 'active', body },
          'create',
          at,
        );
      }
      for (const key of new Set(fields.chronicConditions)) {
        const condition = chronicCondition(key);
        addCondition(db, actor, at, {
          patientId: id,
          encounterId: null,
          category: 'problem-list-item',
          code: condition.icd10,
          text: null,
        });
      }
      return { id };
    })
    .immediate();
}
