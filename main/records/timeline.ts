import type Database from 'better-sqlite3';
import { readConsultServiceRequest } from '../../contract/consults/consult-fhir.js';
import type { TimelineEntry } from '../../contract/records/visit.js';
import { allergyFacts, conditionFacts, correctionOf, encounterFacts, patientFacts } from './fhir-resources.js';
import type { Resource } from './fhir-resources.js';
import { fromRow, RECORD_COLUMNS } from './record-store.js';
import type { StoredRecord } from './record-store.js';
import { prepared } from '../store/prepared.js';

type Summary = TimelineEntry['summary'];

interface Quantity {
  value: number;
  unit: string;
}
interface ObservationBody {
  code: { coding: { code: string }[] };
  valueQuantity?: Quantity;
  interpretation?: { coding: { code: string }[] }[];
  component?: { valueQuantity?: Quantity; interpretation?: { coding: { code: string }[] }[] }[];
}

function observationSummary(body: Resource): Summary {
  const b = body as unknown as ObservationBody;
  const interp = (x?: { coding: { code: string }[] }[]) => x?.[0]?.coding[0]?.code ?? null;
  const [first, second] = b.component ?? [];
  const q = b.valueQuantity ?? first?.valueQuantity;
  return {
    loinc: b.code.coding[0]?.code ?? null,
    value: q?.value ?? null,
    // An ECG strip's components are waveforms (valueSampledData), not quantities.
    value2: second?.valueQuantity?.value ?? null,
    unit: q?.unit ?? null,
    interpretation: b.component ? interp(first?.interpretation) : interp(b.interpretation),
    interpretation2: second ? interp(second.interpretation) : null,
  };
}

function consultRequestSummary(body: Resource): Summary {
  const facts = readConsultServiceRequest(body);
  return facts
    ? { specialty: facts.specialty, urgency: facts.urgency, question: facts.question, status: facts.status }
    : {};
}

function consultNoteSummary(body: Resource): Summary {
  const b = body as unknown as {
    sender?: { display?: string };
    payload?: { extension?: { valueCode?: string }[]; contentString?: string }[];
  };
  const sections = Object.fromEntries(
    (b.payload ?? []).map((p) => [p.extension?.[0]?.valueCode ?? 'text', p.contentString ?? '']),
  );
  return { specialist: b.sender?.display ?? null, ...sections };
}

/** What a timeline line says, in codes and values the UI words in the doctor's language. */
export function summarize(record: StoredRecord): Summary {
  const body = record.body;
  switch (record.type) {
    case 'Patient':
      return { name: patientFacts(body).name };
    case 'Encounter': {
      const e = encounterFacts(body);
      return { reason: e.reason, chiefComplaint: e.chiefComplaint, endedAt: e.endedAt };
    }
    case 'Observation':
      return observationSummary(body);
    case 'Condition': {
      const c = conditionFacts(body);
      const category =
        (body as unknown as { category?: { coding: { code: string }[] }[] }).category?.[0]?.coding[0]?.code ?? null;
      return { code: c.code, text: c.text, category };
    }
    case 'AllergyIntolerance':
      return { substance: allergyFacts(body).substance };
    case 'ServiceRequest':
      return consultRequestSummary(body);
    case 'Communication':
      return consultNoteSummary(body);
    case 'Media': {
      const content = (body as unknown as { content?: { contentType?: string; title?: string } }).content;
      return { contentType: content?.contentType ?? null, title: content?.title ?? null };
    }
    case 'Consent':
    case 'Provenance':
      return {};
  }
}

/** Every version of every record of the patient, newest first, each with who wrote it. */
export function patientTimeline(db: Database.Database, patientId: string, limit = 500): TimelineEntry[] {
  const rows = prepared<[string, number], Parameters<typeof fromRow>[0] & { by_name: string | null }>(
    db,
    `SELECT ${RECORD_COLUMNS.split(', ')
      .map((c) => `r.${c}`)
      .join(', ')}, u.display_name AS by_name
       FROM records r LEFT JOIN users u ON u.id = r.recorded_by
       WHERE r.patient_id = ? AND r.type <> 'Provenance' ORDER BY r.recorded_at DESC, r.version DESC LIMIT ?`,
  ).all(patientId, limit);
  // Provenance says who confirmed what a device measured; the timeline shows the readings.
  return rows.flatMap((row) => {
    const record = fromRow(row);
    if (record.type === 'Provenance') return [];
    const correction = correctionOf(record.body);
    return [
      {
        recordId: record.id,
        version: record.version,
        type: record.type,
        status: record.status,
        at: record.recordedAt,
        by: row.by_name ?? record.recordedBy,
        visitId: record.type === 'Encounter' ? record.id : record.encounterId,
        summary: summarize(record),
        replaces: correction.replaces,
        correctionReason: correction.reason,
      },
    ];
  });
}
