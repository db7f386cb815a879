import type Database from 'better-sqlite3';
import { parseNationalId } from '../../contract/records/national-id.js';
import type { IdCardData, IdCardPrefill } from '../../contract/records/patient.js';

/**
 * The registration form as an ID card fills it. A card whose number is already registered
 * points at that patient; a number that fails its own check is flagged, never corrected.
 */
export function prefillFromIdCard(db: Database.Database, card: IdCardData): IdCardPrefill {
  const parsed = parseNationalId(card.nationalId);
  const id18 = parsed.ok ? parsed.value.id18 : card.nationalId.trim().toUpperCase();
  const existing = parsed.ok
    ? db
        .prepare<[string], { patient_id: string }>(
          "SELECT patient_id FROM patient_index WHERE national_id = ? AND status = 'active'",
        )
        .get(id18)
    : undefined;
  return {
    fields: {
      name: card.name,
      sex: card.sex,
      birthDate: card.birthDate,
      nationalId: id18,
      address: card.address ?? null,
    },
    existingPatientId: existing?.patient_id ?? null,
    nationalIdProblem: parsed.ok ? null : parsed.reason,
  };
}
