import type { SyncState, SyncStatus } from '../../../contract/index.js';

/** A message key and its values, turned into words by i18next where it is shown. */
export interface Phrase {
  readonly key: string;
  readonly values?: Readonly<Record<string, string | number>>;
}

/** How the dot beside the state is coloured. */
export type SyncTone = 'good' | 'busy' | 'waiting' | 'bad' | 'idle';

const TONES: Readonly<Record<SyncState, SyncTone>> = {
  online: 'good',
  syncing: 'busy',
  connecting: 'busy',
  // Offline is an ordinary day in a village: records are safe, so amber, not red.
  offline: 'waiting',
  refused: 'bad',
  not_enrolled: 'idle',
  not_configured: 'idle',
};

export function syncTone(state: SyncState): SyncTone {
  return TONES[state];
}

/** Records waiting in all three lanes together. */
export function waitingTotal(waiting: SyncStatus['waiting']): number {
  return waiting.emergency + waiting.consult + waiting.routine;
}

/**
 * How long catching up will take, in whole minutes rounded up; nothing when nothing waits.
 * The core has no estimate until it has measured a push.
 */
export function estimatePhrase(status: Pick<SyncStatus, 'waiting' | 'estimateSeconds'>): Phrase | null {
  if (waitingTotal(status.waiting) === 0) return null;
  const seconds = status.estimateSeconds;
  if (seconds === null) return { key: 'sync.estimate.unknown' };
  if (seconds < 60) return { key: 'sync.estimate.underMinute' };
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 60) return { key: 'sync.estimate.minutes', values: { minutes } };
  return { key: 'sync.estimate.hours', values: { hours: Math.floor(minutes / 60), minutes: minutes % 60 } };
}

const MINUTE_MS = 60_000;

function sameLocalDay(a: Date, b: Date): boolean {
  return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
}

/**
 * When the last sync succeeded, as a doctor glances at it: "just now", "N min ago" within the
 * hour, the time of day for today, the date and time before today.
 */
export function lastSyncPhrase(iso: string | null, now: Date, language: string): Phrase {
  if (iso === null) return { key: 'sync.lastSync.never' };
  const at = new Date(iso);
  // A time a little ahead of the local clock (it was written by this clock) still counts as now.
  const ago = Math.max(0, now.getTime() - at.getTime());
  if (ago < MINUTE_MS) return { key: 'sync.lastSync.justNow' };
  if (ago < 60 * MINUTE_MS)
    return { key: 'sync.lastSync.minutesAgo', values: { minutes: Math.floor(ago / MINUTE_MS) } };
  if (sameLocalDay(at, now)) {
    return {
      key: 'sync.lastSync.today',
      values: { time: new Intl.DateTimeFormat(language, { timeStyle: 'short' }).format(at) },
    };
  }
  const when = new Intl.DateTimeFormat(language, { dateStyle: 'short', timeStyle: 'short' }).format(at);
  return { key: 'sync.lastSync.earlier', values: { when } };
}

/** Refusals that have their own advice; any other refusal gets the general one. */
const REFUSAL_ADVICE = new Set(['station_revoked', 'station_unknown', 'clock_skew', 'enrollment_code_invalid']);

/** The sentence that says what the state means and what to do about it. */
export function explanationKey(status: Pick<SyncStatus, 'state' | 'lastError'>): string {
  if (status.state === 'refused') {
    return status.lastError && REFUSAL_ADVICE.has(status.lastError)
      ? `sync.explain.refused.${status.lastError}`
      : 'sync.explain.refused.other';
  }
  if (status.state === 'offline' && status.lastError === 'internal') return 'sync.explain.offlineInternal';
  return `sync.explain.${status.state}`;
}
