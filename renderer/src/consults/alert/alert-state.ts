import type { ConsultSummary } from '../../../../contract/index.js';

/** A specialist waiting for the station to join a call. */
export interface CallAlert {
  readonly consultId: string;
  readonly visitId: string;
  readonly specialist: string | null;
  readonly specialty: ConsultSummary['specialty'];
  readonly urgency: ConsultSummary['urgency'];
  /** When the specialist asked: a new ask after an acknowledged one rings again. */
  readonly callingAt: string | null;
  /** The doctor has heard it: the banner stays, the tone stops. */
  readonly acknowledged: boolean;
}

/** Every call waiting for the station, and the consult whose call page is open. */
export interface AlertState {
  readonly alerts: readonly CallAlert[];
  readonly joined: string | null;
}

export const NO_ALERTS: AlertState = { alerts: [], joined: null };

/**
 * Applies what the core says about one consult. It rings when the consult turns `calling` (or
 * the specialist asks again) and stops being an alert in any other state; the same news told
 * twice changes nothing.
 */
export function withConsult(state: AlertState, c: ConsultSummary): AlertState {
  const known = state.alerts.find((a) => a.consultId === c.consultId);
  const others = state.alerts.filter((a) => a.consultId !== c.consultId);
  if (c.state !== 'calling') return known ? { ...state, alerts: others } : state;
  if (known && known.callingAt === c.callingAt && known.specialist === (c.specialist?.name ?? null)) return state;
  const alert: CallAlert = {
    consultId: c.consultId,
    visitId: c.visitId,
    specialist: c.specialist?.name ?? null,
    specialty: c.specialty,
    urgency: c.urgency,
    callingAt: c.callingAt,
    acknowledged: known !== undefined && known.callingAt === c.callingAt && known.acknowledged,
  };
  return { ...state, alerts: [...others, alert] };
}

/**
 * Adds the calls already waiting when the listener starts (the app opened or a doctor signed
 * in while a specialist was calling). Only adds: a change heard meanwhile is newer than the list.
 */
export function withOpenConsults(state: AlertState, open: readonly ConsultSummary[]): AlertState {
  const fresh = open.filter((c) => c.state === 'calling' && !state.alerts.some((a) => a.consultId === c.consultId));
  return fresh.reduce(withConsult, state);
}

/** Forgets every alert (the doctor signed out); the open call page stays known. */
export function withoutAlerts(state: AlertState): AlertState {
  return state.alerts.length === 0 ? state : { ...state, alerts: [] };
}

/** The doctor pressed "heard": every alert ringing now goes quiet. */
export function acknowledgeAll(state: AlertState): AlertState {
  if (state.alerts.every((a) => a.acknowledged)) return state;
  return { ...state, alerts: state.alerts.map((a) => ({ ...a, acknowledged: true })) };
}

/** The call page of a consult opened (or closed, with null). */
export function withJoined(state: AlertState, consultId: string | null): AlertState {
  return state.joined === consultId ? state : { ...state, joined: consultId };
}

/** The alerts the banner shows: not the call the doctor is already in. */
export function shownAlerts(state: AlertState): readonly CallAlert[] {
  return state.alerts.filter((a) => a.consultId !== state.joined);
}

/** Whether the tone should sound: some shown alert nobody has acknowledged. */
export function isRinging(state: AlertState): boolean {
  return shownAlerts(state).some((a) => !a.acknowledged);
}
