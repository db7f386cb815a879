import { z } from 'zod';
import { Specialty } from './consult.js';
import type { ConsultNote, ConsultRequestInput, Urgency } from './consult.js';

/** Code systems the consult records use. */
export const CONSULT_SYSTEMS = {
  snomed: 'http://snomed.info/sct',
  specialty: 'https://cunyi.health/fhir/CodeSystem/consult-specialty',
  noteSection: 'https://cunyi.health/fhir/CodeSystem/consult-note-section',
} as const;

/** SNOMED CT 11429006 |Consultation (procedure)|: marks a ServiceRequest as a consult. */
const CONSULTATION = { system: CONSULT_SYSTEMS.snomed, code: '11429006', display: 'Consultation' };

/** FHIR request priority for each urgency (`stat` is "with the highest priority"). */
const PRIORITY: Record<Urgency, 'routine' | 'urgent' | 'stat'> = {
  routine: 'routine',
  urgent: 'urgent',
  emergency: 'stat',
};

export interface ConsultRequestRecord {
  consultId: string;
  patientId: string;
  requestedAt: string;
  requesterId: string;
  request: Omit<ConsultRequestInput, 'attachVitals' | 'ecgObservationId' | 'photoIds'>;
  /** What is attached: the latest vitals and an ECG strip (Observations), photos (Media). */
  attachments: { type: 'Observation' | 'Media'; id: string }[];
  status: 'active' | 'revoked' | 'completed';
}

/** A consult request as a FHIR R4 ServiceRequest. */
export function consultServiceRequest(record: ConsultRequestRecord): Record<string, unknown> & { id: string } {
  const { request } = record;
  return {
    resourceType: 'ServiceRequest',
    id: record.consultId,
    status: record.status,
    intent: 'order',
    category: [{ coding: [CONSULTATION] }],
    priority: PRIORITY[request.urgency],
    code: { coding: [{ system: CONSULT_SYSTEMS.specialty, code: request.specialty }], text: request.specialty },
    subject: { reference: `Patient/${record.patientId}` },
    encounter: { reference: `Encounter/${request.visitId}` },
    authoredOn: record.requestedAt,
    requester: { reference: `Practitioner/${record.requesterId}` },
    note: [{ text: request.question }],
    supportingInfo: record.attachments.map(({ type, id }) => ({ reference: `${type}/${id}` })),
  };
}

const Reference = z.object({ reference: z.string() });
const idOf = (prefix: string) => (ref: { reference: string }) =>
  ref.reference.startsWith(`${prefix}/`) ? ref.reference.slice(prefix.length + 1) : null;

const PushedServiceRequest = z.object({
  resourceType: z.literal('ServiceRequest'),
  id: z.uuid(),
  status: z.string(),
  category: z.array(z.object({ coding: z.array(z.object({ system: z.string(), code: z.string() })) })),
  priority: z.enum(['routine', 'urgent', 'stat', 'asap']),
  code: z.object({ coding: z.array(z.object({ system: z.string(), code: z.string() })) }),
  encounter: Reference,
  authoredOn: z.iso.datetime({ offset: true }),
  note: z.array(z.object({ text: z.string() })).min(1),
  supportingInfo: z.array(Reference).optional(),
});

/** The facts a hub needs from a pushed consult ServiceRequest; null when it is not a consult. */
export interface ConsultRequestFacts {
  consultId: string;
  visitId: string;
  specialty: Specialty;
  urgency: Urgency;
  question: string;
  requestedAt: string;
  attachments: string[];
  status: string;
}

export function readConsultServiceRequest(body: unknown): ConsultRequestFacts | null {
  const parsed = PushedServiceRequest.safeParse(body);
  if (!parsed.success) return null;
  const sr = parsed.data;
  const isConsult = sr.category.some((c) =>
    c.coding.some((x) => x.system === CONSULTATION.system && x.code === CONSULTATION.code),
  );
  const specialty = Specialty.safeParse(sr.code.coding.find((c) => c.system === CONSULT_SYSTEMS.specialty)?.code);
  const visitId = idOf('Encounter')(sr.encounter);
  if (!isConsult || !specialty.success || visitId === null) return null;
  const urgency: Urgency = sr.priority === 'stat' ? 'emergency' : sr.priority === 'routine' ? 'routine' : 'urgent';
  return {
    consultId: sr.id,
    visitId,
    specialty: specialty.data,
    urgency,
    question: sr.note.map((n) => n.text).join('\n'),
    requestedAt: sr.authoredOn,
    attachments: (sr.supportingInfo ?? [])
      .map((ref) => idOf('Observation')(ref) ?? idOf('Media')(ref))
      .filter((id): id is string => id !== null),
    status: sr.status,
  };
}

export interface ConsultNoteRecord {
  noteId: string;
  consultId: string;
  patientId: string;
  visitId: string;
  authoredAt: string;
  specialistName: string;
  note: ConsultNote;
}

const SECTIONS = ['assessment', 'advice', 'followUp'] as const;

/**
 * The specialist's note as a FHIR R4 Communication answering the ServiceRequest: one payload
 * per section, each coded so the station can show them apart.
 */
export function consultCommunication(record: ConsultNoteRecord): Record<string, unknown> & { id: string } {
  return {
    resourceType: 'Communication',
    id: record.noteId,
    basedOn: [{ reference: `ServiceRequest/${record.consultId}` }],
    status: 'completed',
    category: [{ coding: [CONSULTATION] }],
    subject: { reference: `Patient/${record.patientId}` },
    encounter: { reference: `Encounter/${record.visitId}` },
    sent: record.authoredAt,
    sender: { display: record.specialistName },
    payload: SECTIONS.filter((s) => record.note[s] !== '').map((section) => ({
      extension: [{ url: CONSULT_SYSTEMS.noteSection, valueCode: section }],
      contentString: record.note[section],
    })),
  };
}
