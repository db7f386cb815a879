import type { CallMode } from '../../../../contract/index.js';

/**
 * Quality modes in which the link is too thin for every ECG lead: twelve leads at 500 Hz cost
 * roughly 100–200 kbit/s, more than the whole call has at these rungs. One lead (II, the
 * rhythm lead) costs a tenth of that.
 */
export const THIN_LINK_MODES: ReadonlySet<CallMode> = new Set<CallMode>(['v180p12', 'v180p8', 'audio']);

/** The rhythm strip lead a specialist reads first. */
export const RHYTHM_LEAD = 'II';

/**
 * Which of a stream's channels to send in a mode, as ascending indexes. On a thin link an
 * ECG (a stream with a lead II) sends lead II alone; anything else, and every stream on a
 * good link, sends all its channels. Samples themselves are never touched.
 */
export function channelsToSend(kind: string, channels: readonly string[], mode: CallMode | null): number[] {
  const all = channels.map((_, i) => i);
  if (mode === null || !THIN_LINK_MODES.has(mode) || kind !== 'ecg') return all;
  const lead = channels.indexOf(RHYTHM_LEAD);
  return lead < 0 ? all : [lead];
}
