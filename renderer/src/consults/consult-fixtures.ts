import type { ConsultSummary } from '../../../contract/index.js';

/** Consults as the core sends them, for tests. */
let next = 0;
/** A fresh UUID (v7 layout), different on every call. */
export const uuid = () => `0197a0e0-1c2d-7e3f-8a4b-${String(++next).padStart(12, '0')}`;

export const PATIENT = '0197a0e0-0000-7000-8000-00000000000a';
export const VISIT = '0197a0e0-0000-7000-8000-00000000000b';

/** A consult waiting for a cardiologist unless told otherwise. */
export function consult(patch: Partial<ConsultSummary> = {}): ConsultSummary {
  return {
    consultId: uuid(),
    patientId: PATIENT,
    visitId: VISIT,
    specialty: 'cardiology',
    urgency: 'routine',
    question: 'Chest pain on exertion for two weeks; ECG attached.',
    state: 'waiting',
    requestedAt: '2026-11-30T02:00:00.000Z',
    widenedAt: null,
    specialist: null,
    acceptedAt: null,
    callingAt: null,
    answeredAt: null,
    note: null,
    delivered: true,
    calls: [],
    ...patch,
  };
}
