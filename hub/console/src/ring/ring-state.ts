import { URGENCY_RANK } from '../../../../contract/consults/consult.js';
import type { Urgency } from '../../../../contract/consults/consult.js';

/** A consult the hub rang the specialist for, not yet acknowledged. */
export interface Ring {
  readonly consultId: string;
  readonly urgency: Urgency;
  /** When it rang here, ms. */
  readonly at: number;
}

export interface RingState {
  /** Most urgent first, then oldest. */
  readonly rings: readonly Ring[];
  /** Bumped whenever the tone must start (again): the first ring, or any emergency. */
  readonly alarms: number;
}

export const NO_RINGS: RingState = { rings: [], alarms: 0 };

const order = (a: Ring, b: Ring) => URGENCY_RANK[a.urgency] - URGENCY_RANK[b.urgency] || a.at - b.at;

/**
 * A ring from the hub. The tone starts when nothing was ringing; an emergency starts it again
 * even over another ring, so it is never lost behind a routine one. A repeated ring for the
 * same consult changes nothing unless it is more urgent now.
 */
export function ringArrived(state: RingState, ring: Ring): RingState {
  const known = state.rings.find((r) => r.consultId === ring.consultId);
  if (known && URGENCY_RANK[ring.urgency] >= URGENCY_RANK[known.urgency]) return state;
  const rings = [...state.rings.filter((r) => r !== known), known ? { ...ring, at: known.at } : ring].sort(order);
  const alarm = state.rings.length === 0 || ring.urgency === 'emergency';
  return { rings, alarms: state.alarms + (alarm ? 1 : 0) };
}

/** The specialist heard it: silence, and the banner goes. */
export function acknowledged(state: RingState): RingState {
  return state.rings.length === 0 ? state : { rings: [], alarms: state.alarms };
}

/**
 * Drops rings for consults no longer waiting for her (taken by someone else, cancelled), as a
 * queue loaded at `loadedAt` says. A ring newer than that load is kept: the queue that knows
 * its consult is still on its way.
 */
export function keepWaiting(state: RingState, waiting: ReadonlySet<string>, loadedAt: number): RingState {
  const rings = state.rings.filter((r) => r.at > loadedAt || waiting.has(r.consultId));
  return rings.length === state.rings.length ? state : { rings, alarms: state.alarms };
}

/** Which tone sounds now: the emergency pattern while any emergency rings, else the plain one. */
export function toneOf(state: RingState): 'emergency' | 'plain' | null {
  if (state.rings.length === 0) return null;
  return state.rings.some((r) => r.urgency === 'emergency') ? 'emergency' : 'plain';
}
