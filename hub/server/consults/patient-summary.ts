import { ECG_LOINC, kindOfLoinc } from '../../../contract/records/vitals.js';
import type { VitalReading } from '../../../contract/records/visit.js';
import type { Queryable } from '../db.js';
import type { EcgStrip, PatientSummary } from './console-wire.js';

/** How many vital-sign readings the summary carries: enough for a trend of each kind. */
const VITALS_LIMIT = 200;
const VILLAGE_EXTENSION = 'https://cunyi.health/fhir/StructureDefinition/village';

interface Coding {
  system?: string;
  code?: string;
  display?: string;
}
interface Quantity {
  value?: number;
  unit?: string;
}
interface Observation {
  id: string;
  status: string;
  code?: { coding?: Coding[] };
  effectiveDateTime?: string;
  effectivePeriod?: { start?: string };
  encounter?: { reference?: string };
  valueQuantity?: Quantity;
  interpretation?: { coding?: Coding[] }[];
  extension?: { url: string; valueString?: string }[];
  component?: {
    code?: { coding?: Coding[]; text?: string };
    valueQuantity?: Quantity;
    interpretation?: { coding?: Coding[] }[];
    valueSampledData?: { origin?: { code?: string }; period?: number; factor?: number; data?: string };
  }[];
}

interface Row {
  record_id: string;
  version: number;
  type: string;
  body: unknown;
}

/** The newest version of each of a patient's records of some types, from what stations pushed. */
async function current(db: Queryable, patientId: string, types: string[]): Promise<Row[]> {
  return db.query<Row>(
    `SELECT DISTINCT ON (record_id) record_id, version, type, body FROM hub_records
      WHERE patient_id = $1 AND type = ANY($2::text[]) ORDER BY record_id, version DESC`,
    [patientId, types],
  );
}

const interpretationOf = (i?: { coding?: Coding[] }[]) =>
  (i?.[0]?.coding?.[0]?.code ?? null) as VitalReading['interpretation'];

/** A vital-signs Observation as the station's own reading shape; null for anything else. */
export function vitalReading(row: Row): VitalReading | null {
  const o = row.body as Observation;
  const loinc = o.code?.coding?.find((c) => c.system === 'http://loinc.org')?.code ?? null;
  const kind = kindOfLoinc(loinc);
  const at = o.effectiveDateTime;
  if (kind === null || loinc === null || at === undefined || o.status === 'entered-in-error') return null;
  const [first, second] = o.component ?? [];
  const value = o.valueQuantity?.value ?? first?.valueQuantity?.value;
  if (value === undefined) return null;
  return {
    id: o.id,
    version: row.version,
    kind,
    loinc,
    value,
    value2: second?.valueQuantity?.value ?? null,
    unit: o.valueQuantity?.unit ?? first?.valueQuantity?.unit ?? '',
    interpretation: interpretationOf(o.interpretation ?? first?.interpretation),
    interpretation2: second ? interpretationOf(second.interpretation) : null,
    context: o.extension?.find((e) => e.url.endsWith('/glucose-context'))?.valueString ?? null,
    status: o.status === 'amended' ? 'amended' : 'final',
    effectiveAt: at,
    visitId: o.encounter?.reference?.replace(/^Encounter\//, '') ?? null,
  };
}

/** An ECG Observation's leads; samples written `E` (never arrived) stay missing. */
export function ecgStrip(row: Row): EcgStrip | null {
  const o = row.body as Observation;
  const isEcg = o.code?.coding?.some((c) => c.code === ECG_LOINC);
  const first = o.component?.[0]?.valueSampledData;
  const start = o.effectivePeriod?.start;
  if (!isEcg || !first?.period || start === undefined) return null;
  return {
    observationId: o.id,
    recordedAt: start,
    sampleRate: 1000 / first.period,
    unit: first.origin?.code ?? 'uV',
    leads: (o.component ?? []).map((c) => {
      const factor = c.valueSampledData?.factor ?? 1;
      const data = (c.valueSampledData?.data ?? '').split(' ').filter((s) => s !== '');
      return {
        name: c.code?.text ?? c.code?.coding?.[0]?.code ?? '?',
        samples: data.map((s) => (s === 'E' || s === 'U' || s === 'L' ? null : Number(s) * factor)),
      };
    }),
  };
}

/** Whole years from a FHIR birth date to `now`; null when the date is not a full date. */
export function ageOn(birthDate: string | null, now: Date): number | null {
  if (birthDate === null || !/^\d{4}-\d{2}-\d{2}$/.test(birthDate)) return null;
  const [y, m, d] = birthDate.split('-').map(Number) as [number, number, number];
  const before = now.getUTCMonth() + 1 < m || (now.getUTCMonth() + 1 === m && now.getUTCDate() < d);
  return now.getUTCFullYear() - y - (before ? 1 : 0);
}

/**
 * What a specialist sees of a patient: demographics, chronic conditions, vital signs for
 * trends and the ECG strip the consult attached (else the newest one), all from the records
 * the station synced. Values are exactly as measured.
 */
export async function patientSummary(
  db: Queryable,
  patientId: string,
  attachments: readonly string[],
  now = new Date(),
): Promise<PatientSummary> {
  const [patient] = await current(db, patientId, ['Patient']);
  const p = (patient?.body ?? {}) as {
    name?: { text?: string }[];
    gender?: string;
    birthDate?: string;
    extension?: { url: string; valueString?: string }[];
  };
  const conditions = (await current(db, patientId, ['Condition']))
    .map(
      (r) =>
        r.body as {
          clinicalStatus?: { coding?: Coding[] };
          category?: { coding?: Coding[] }[];
          code?: { coding?: Coding[]; text?: string };
        },
    )
    .filter(
      (c) =>
        c.clinicalStatus?.coding?.[0]?.code === 'active' && c.category?.[0]?.coding?.[0]?.code === 'problem-list-item',
    )
    .map((c) => ({
      code: c.code?.coding?.[0]?.code ?? null,
      text: c.code?.coding?.[0]?.display ?? c.code?.text ?? c.code?.coding?.[0]?.code ?? '',
    }));
  const observations = await current(db, patientId, ['Observation']);
  const vitals = observations
    .map(vitalReading)
    .filter((v): v is VitalReading => v !== null)
    .sort((a, b) => a.effectiveAt.localeCompare(b.effectiveAt))
    .slice(-VITALS_LIMIT);
  const strips = observations.map((row) => ({ row, strip: ecgStrip(row) })).filter((s) => s.strip !== null);
  const attached = strips.find((s) => attachments.includes(s.row.record_id));
  const newest = [...strips].sort((a, b) => (b.strip?.recordedAt ?? '').localeCompare(a.strip?.recordedAt ?? ''))[0];
  const photos = (await current(db, patientId, ['Media']))
    .filter((r) => attachments.includes(r.record_id))
    .flatMap((r) => {
      const m = r.body as {
        createdDateTime?: string;
        content?: { contentType?: string; data?: string; title?: string };
      };
      const type = m.content?.contentType;
      if ((type !== 'image/jpeg' && type !== 'image/png') || !m.content?.data) return [];
      return [
        {
          mediaId: r.record_id,
          contentType: type as 'image/jpeg' | 'image/png',
          data: m.content.data,
          takenAt: m.createdDateTime ?? null,
          title: m.content.title ?? null,
        },
      ];
    });
  const sex = p.gender === 'male' || p.gender === 'female' || p.gender === 'other' ? p.gender : 'unknown';
  const birthDate = p.birthDate ?? null;
  return {
    name: p.name?.[0]?.text ?? null,
    sex,
    birthDate,
    ageYears: ageOn(birthDate, now),
    village: p.extension?.find((e) => e.url === VILLAGE_EXTENSION)?.valueString ?? null,
    conditions,
    vitals,
    ecg: (attached ?? newest)?.strip ?? null,
    photos,
  };
}
