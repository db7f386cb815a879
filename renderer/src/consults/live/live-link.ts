import { stationErrorOf } from '../../../../contract/errors.js';
import type { CallMode, LiveEvent, StationApi } from '../../../../contract/index.js';
import { encodeLiveFrame } from '../../../../contract/consults/live-frame.js';
import type { LiveFrame } from '../../../../contract/consults/live-frame-types.js';
import { LiveFrameBuilder } from './live-frames.js';
import type { LiveMessage } from './live-frames.js';
import { BATCH_MS } from './wave-batch.js';

/** What the live link needs from the station, the call and the clock; tests pass their own. */
export interface LiveLinkDeps {
  readonly devices: Pick<StationApi['devices'], 'live' | 'ack'>;
  /**
   * Sends one frame over the call's data channel; `lossy` for waveform, which may go on a
   * channel that drops rather than resends (a late sample is worthless; the gap shows).
   */
  send(bytes: Uint8Array, lossy: boolean): void;
  /** The call's quality mode now, or null before it has one. */
  mode(): CallMode | null;
  /** True while the data channel holds more than it should: the feed is then not acknowledged. */
  congested(): boolean;
  now(): number;
  timer(task: () => void, ms: number): () => void;
}

/** Acknowledgements are gathered for this long, so a burst of events costs one call. */
export const ACK_EVERY_MS = 50;
/** While the channel is congested, how often to look again. */
export const CONGESTION_RETRY_MS = 100;
/** As on the devices screens: how long to wait for `hello`, and how often an idle feed is re-acknowledged. */
export const HELLO_WAIT_MS = 4_000;
export const KEEPALIVE_MS = 10_000;
/**
 * Bytes waiting in the data channels above which the link counts as congested: about a second
 * at 64 kbit/s, and below the backlog at which the call engine skips stills.
 */
export const LIVE_BACKLOG_BYTES = 8 * 1024;

/** The congestion decision for `LiveLinkDeps.congested`, from the channels' waiting bytes. */
export function congestedAt(bufferedBytes: number): boolean {
  return bufferedBytes > LIVE_BACKLOG_BYTES;
}

const FRAME_SEQ_MODULUS = 2 ** 32;

/**
 * Streams the station's live vitals to the specialist for as long as a call lasts: its own
 * subscription to `devices.live`, acknowledged like the devices screens do. When the data
 * channel backs up the link stops acknowledging, so the core drops waveform batches for it
 * (never readings) instead of the channel queueing without bound. Returns the stop function.
 */
export function startLiveLink(deps: LiveLinkDeps): () => void {
  const builder = new LiveFrameBuilder();
  let frameSeq = 0;
  let feed: string | null = null;
  let highest = 0;
  let acked = 0;
  let generation = 0;
  let stopped = false;
  const cancels = new Set<() => void>();
  let unsubscribe: (() => void) | null = null;
  let ackPending = false;
  /** A look at the channel is scheduled; one is enough, whoever asked. */
  let waitingForRoom = false;

  const later = (task: () => void, ms: number) => {
    const cancel = deps.timer(() => {
      cancels.delete(cancel);
      task();
    }, ms);
    cancels.add(cancel);
  };

  let draining = false;

  const send = (frame: LiveFrame) => {
    try {
      deps.send(encodeLiveFrame(frame), frame.type === 'waveform');
    } catch (error) {
      // A frame the codec refuses (a name too long for it) is dropped; the others still go.
      console.warn('live vitals: frame not sent', error);
    }
  };

  const ack = (again: boolean) => {
    ackPending = false;
    if (stopped || feed === null || (!again && highest <= acked)) return;
    if (deps.congested()) {
      ackPending = true;
      if (!waitingForRoom) {
        waitingForRoom = true;
        later(() => {
          waitingForRoom = false;
          ack(again);
        }, CONGESTION_RETRY_MS);
      }
      return;
    }
    const n = highest;
    const mine = generation;
    acked = Math.max(acked, n);
    deps.devices.ack({ feed, n }).catch((error: unknown) => {
      if (stopped || mine !== generation) return;
      if (stationErrorOf(error).code === 'not_found') subscribe();
      else acked = Math.min(acked, n - 1);
    });
  };

  const sendAll = (messages: readonly LiveMessage[], now: number) => {
    for (const message of messages) {
      send({ ...message, frameSeq, sentAt: now });
      frameSeq = (frameSeq + 1) % FRAME_SEQ_MODULUS;
    }
  };

  /** Waveform held for a fuller frame still goes out in time when the device falls quiet. */
  const drainLater = () => {
    if (draining || !builder.holding()) return;
    draining = true;
    later(() => {
      draining = false;
      if (stopped) return;
      const now = deps.now();
      sendAll(builder.due(now), now);
      drainLater();
    }, BATCH_MS);
  };

  const receive = (event: LiveEvent, mine: number) => {
    if (stopped || mine !== generation) return;
    if (event.type === 'hello') {
      feed = event.feed;
      highest = acked = 0;
      return;
    }
    highest = Math.max(highest, event.n);
    const now = deps.now();
    sendAll(builder.messages(event, deps.mode(), now), now);
    drainLater();
    if (!ackPending) {
      ackPending = true;
      later(() => ack(false), ACK_EVERY_MS);
    }
  };

  const keepalive = (mine: number) =>
    later(() => {
      if (mine !== generation) return;
      ack(true);
      keepalive(mine);
    }, KEEPALIVE_MS);

  function subscribe(): void {
    unsubscribe?.();
    for (const cancel of cancels) cancel();
    cancels.clear();
    const mine = ++generation;
    feed = null;
    ackPending = waitingForRoom = draining = false;
    unsubscribe = deps.devices.live({}, (event) => receive(event, mine));
    later(() => {
      if (mine === generation && feed === null) subscribe();
    }, HELLO_WAIT_MS);
    keepalive(mine);
  }

  subscribe();
  return () => {
    stopped = true;
    generation++;
    unsubscribe?.();
    for (const cancel of cancels) cancel();
    cancels.clear();
  };
}
