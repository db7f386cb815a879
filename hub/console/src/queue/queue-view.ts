import type { Specialty, Urgency } from '../../../../contract/consults/consult.js';
import type { QueueEntry } from '../../../server/consults/console-wire.js';

/** The queue as the specialist reads it: her own consults first, then those she may take; each in the hub's order. */
export function queueSections(entries: readonly QueueEntry[]): { mine: QueueEntry[]; open: QueueEntry[] } {
  return { mine: entries.filter((e) => e.mine), open: entries.filter((e) => !e.mine) };
}

/** The specialty a consult was asked for, when the hub widened it to another one (general medicine). */
export function widenedFrom(entry: Pick<QueueEntry, 'specialty' | 'routedSpecialty' | 'widenedAt'>): Specialty | null {
  return entry.widenedAt !== null && entry.routedSpecialty !== entry.specialty ? entry.specialty : null;
}

/** A waiting time split for reading: the two largest units that matter, as an i18n key and its numbers. */
export type WaitText =
  | { key: 'seconds'; s: number }
  | { key: 'minutes'; m: number; s: number }
  | { key: 'hours'; h: number; m: number }
  | { key: 'days'; d: number; h: number };

/** How long a consult has waited, from its request time to `now` (a clock behind the station's reads 0). */
export function waitingText(requestedAt: string, now: number): WaitText {
  const total = Math.max(0, Math.floor((now - Date.parse(requestedAt)) / 1000));
  const s = total % 60;
  const m = Math.floor(total / 60) % 60;
  const h = Math.floor(total / 3600) % 24;
  const d = Math.floor(total / 86400);
  if (d > 0) return { key: 'days', d, h };
  if (total >= 3600) return { key: 'hours', h, m };
  if (total >= 60) return { key: 'minutes', m, s };
  return { key: 'seconds', s };
}

/** The badge colour of an urgency: an emergency is red, urgent amber, routine plain. */
export function urgencyTone(urgency: Urgency): 'danger' | 'warning' | 'plain' {
  return urgency === 'emergency' ? 'danger' : urgency === 'urgent' ? 'warning' : 'plain';
}
