import type { ConsultState, ConsultSummary } from '../../../contract/index.js';
import type { Phrase } from '../sync/sync-format.js';

/** How a consult's state is coloured: `ring` is the specialist waiting for the station. */
export type ConsultTone = 'waiting' | 'busy' | 'ring' | 'good' | 'done' | 'idle';

const TONES: Readonly<Record<ConsultState, ConsultTone>> = {
  waiting: 'waiting',
  accepted: 'busy',
  calling: 'ring',
  in_call: 'good',
  answered: 'done',
  cancelled: 'idle',
};

export function consultTone(state: ConsultState): ConsultTone {
  return TONES[state];
}

type StateFacts = Pick<ConsultSummary, 'state' | 'widenedAt' | 'specialist'>;

/**
 * A consult's state in words. `name` is the specialist's name as the hub gave it; a state that
 * needs a name but has none (an older hub) uses the words without one, never an empty name.
 */
export function statePhrase(c: StateFacts): Phrase {
  const name = c.specialist?.name.trim() ?? '';
  const named = (key: string): Phrase => (name === '' ? { key: `${key}Unnamed` } : { key, values: { name } });
  switch (c.state) {
    case 'waiting':
      return { key: c.widenedAt === null ? 'consults.state.waiting' : 'consults.state.widened' };
    case 'accepted':
      return named('consults.state.accepted');
    case 'calling':
      return named('consults.state.calling');
    case 'in_call':
      return named('consults.state.inCall');
    case 'answered':
      return named('consults.state.answered');
    case 'cancelled':
      return { key: 'consults.state.cancelled' };
  }
}

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/** A span of time as a doctor reads it at a glance: whole minutes, then hours, then days. */
export function spanPhrase(ms: number): Phrase {
  // A clock a little behind the one that wrote the time still means "just now", not negative.
  const span = Math.max(0, ms);
  if (span < MINUTE_MS) return { key: 'consults.span.underMinute' };
  if (span < HOUR_MS) return { key: 'consults.span.minutes', values: { minutes: Math.floor(span / MINUTE_MS) } };
  if (span < DAY_MS) {
    const minutes = Math.floor(span / MINUTE_MS);
    return { key: 'consults.span.hours', values: { hours: Math.floor(minutes / 60), minutes: minutes % 60 } };
  }
  const hours = Math.floor(span / HOUR_MS);
  return { key: 'consults.span.days', values: { days: Math.floor(hours / 24), hours: hours % 24 } };
}

type WaitFacts = Pick<ConsultSummary, 'state' | 'requestedAt' | 'acceptedAt' | 'answeredAt'>;

const between = (from: string, to: string | Date) => new Date(to).getTime() - new Date(from).getTime();

/**
 * How long the station has waited: still waiting (counting now), or how long it took to be
 * accepted and answered. A cancelled consult has no waiting time to show.
 */
export function waitPhrase(c: WaitFacts, now: Date): { key: string; span: Phrase } | null {
  switch (c.state) {
    case 'waiting':
      return { key: 'consults.wait.waiting', span: spanPhrase(between(c.requestedAt, now)) };
    case 'accepted':
    case 'calling':
    case 'in_call':
      return c.acceptedAt === null
        ? { key: 'consults.wait.waiting', span: spanPhrase(between(c.requestedAt, now)) }
        : { key: 'consults.wait.acceptedAfter', span: spanPhrase(between(c.requestedAt, c.acceptedAt)) };
    case 'answered':
      return c.answeredAt === null
        ? null
        : { key: 'consults.wait.answeredAfter', span: spanPhrase(between(c.requestedAt, c.answeredAt)) };
    case 'cancelled':
      return null;
  }
}

/** A call's length as a clock ("4:05", "1:02:09"); whole seconds, as the call page counts. */
export function callLength(seconds: number): string {
  const whole = Math.max(0, Math.floor(seconds));
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = whole % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${m}:${two(s)}`;
}

/**
 * States in which the station may still withdraw its request: not answered, and no call going
 * on (a call is hung up first). The core has the last word.
 */
export function canCancel(state: ConsultState): boolean {
  return state === 'waiting' || state === 'accepted' || state === 'calling';
}

/** States in which a call page is worth opening. */
export function canJoin(state: ConsultState): boolean {
  return state === 'calling' || state === 'in_call';
}
