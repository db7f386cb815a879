import type { DeviceInfo, IdCardData, LiveEvent, PendingReading } from '../../../contract/index.js';

/** The pending readings kept on screen at most, as in the core; the oldest go first. */
export const MAX_PENDING = 200;

/** An ID card the reader read; `count` grows with every card, so a screen can tell a new one. */
export interface CardRead {
  readonly count: number;
  readonly deviceKey: string;
  readonly card: IdCardData;
}

/** What the screens show from the live feed (waveforms are kept apart, in rings). */
export interface FeedState {
  /** The feed being received, once its `hello` has arrived. */
  readonly feed: string | null;
  readonly devices: readonly DeviceInfo[];
  /** Readings waiting for the doctor, newest first. */
  readonly pending: readonly PendingReading[];
  /** The newest live (not stored) value per device and kind, kept after it is confirmed. */
  readonly live: Readonly<Record<string, Readonly<Record<string, PendingReading>>>>;
  readonly card: CardRead | null;
  /** Waveform batches the core dropped for this screen, per device, since the feed began. */
  readonly skipped: Readonly<Record<string, number>>;
}

export const EMPTY_FEED: FeedState = { feed: null, devices: [], pending: [], live: {}, card: null, skipped: {} };

const isLive = (r: PendingReading) => !r.stored;
const sameSlot = (a: PendingReading, b: PendingReading) => a.deviceKey === b.deviceKey && a.kind === b.kind;

/** Devices whose live values are gone: the core forgets them when a device is detached. */
function goneDevices(devices: readonly DeviceInfo[]): (key: string) => boolean {
  const present = new Set(devices.filter((d) => d.state !== 'disconnected').map((d) => d.key));
  return (key) => !present.has(key);
}

function withReading(state: FeedState, reading: PendingReading): FeedState {
  // A live value replaces the previous live value of the same kind from the same device, as in the core.
  const kept = state.pending.filter(
    (r) => r.id !== reading.id && !(isLive(reading) && isLive(r) && sameSlot(r, reading)),
  );
  const pending = [reading, ...kept].slice(0, MAX_PENDING);
  if (!isLive(reading)) return { ...state, pending };
  const device = { ...state.live[reading.deviceKey], [reading.kind]: reading };
  return { ...state, pending, live: { ...state.live, [reading.deviceKey]: device } };
}

function withDevices(state: FeedState, devices: readonly DeviceInfo[]): FeedState {
  const gone = goneDevices(devices);
  return {
    ...state,
    devices,
    pending: state.pending.filter((r) => !(isLive(r) && gone(r.deviceKey))),
    live: Object.fromEntries(Object.entries(state.live).filter(([key]) => !gone(key))),
  };
}

/**
 * Applies one live event. Mirrors what the core does with its pending list, which it does not
 * announce: a new live value replaces the last one of its kind, and a detached device's live
 * values go. Waveform and gap events leave this state alone (they go to the rings).
 */
export function applyEvent(state: FeedState, event: LiveEvent): FeedState {
  switch (event.type) {
    case 'hello':
      // A new feed replays the devices and every pending reading; the card count keeps growing.
      return { ...EMPTY_FEED, feed: event.feed, card: state.card };
    case 'devices':
      return withDevices(state, event.devices);
    case 'reading':
      return withReading(state, event.reading);
    case 'id-card':
      return {
        ...state,
        card: { count: (state.card?.count ?? 0) + 1, deviceKey: event.deviceKey, card: event.card },
      };
    case 'skipped':
      return {
        ...state,
        skipped: { ...state.skipped, [event.deviceKey]: (state.skipped[event.deviceKey] ?? 0) + event.batches },
      };
    case 'waveform':
    case 'gap':
      return state;
  }
}

/** The readings confirmed or discarded here leave the list at once. */
export function withoutReadings(state: FeedState, ids: readonly string[]): FeedState {
  if (!state.pending.some((r) => ids.includes(r.id))) return state;
  return { ...state, pending: state.pending.filter((r) => !ids.includes(r.id)) };
}

/** The core's own pending list (after a reading turned out to be gone), replacing ours. */
export function withPending(state: FeedState, pending: readonly PendingReading[]): FeedState {
  return { ...state, pending: pending.slice(0, MAX_PENDING) };
}

/** The readings a device delivered, newest first. */
export const readingsOf = (state: FeedState, deviceKey: string): readonly PendingReading[] =>
  state.pending.filter((r) => r.deviceKey === deviceKey);
