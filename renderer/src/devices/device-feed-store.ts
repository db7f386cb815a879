import { stationErrorOf } from '../../../contract/errors.js';
import type { LiveEvent, PendingReading, StationApi } from '../../../contract/index.js';
import { WaveRing } from '../../components/waveform/wave-ring.js';
import { applyEvent, EMPTY_FEED, withoutReadings, withPending } from './feed-state.js';
import type { FeedState } from './feed-state.js';

/** The part of the devices API the feed uses. */
export type FeedApi = Pick<StationApi['devices'], 'live' | 'ack' | 'pending'>;

/** Time as the store sees it: frames and timers, so tests can drive them. */
export interface FeedHost {
  /** Runs `task` in the next animation frame; returns a cancel function. */
  frame(task: () => void): () => void;
  timer(task: () => void, ms: number): () => void;
}

/** How long to wait for the feed's `hello` before subscribing again (doubling up to a limit). */
export const HELLO_WAIT_MS = 4_000;
const MAX_RETRY_MS = 30_000;
/** An idle feed is acknowledged again now and then, which also finds out if the core forgot it. */
export const KEEPALIVE_MS = 10_000;
/** Moving between screens that both need the feed should not cost a new subscription. */
export const LINGER_MS = 3_000;
/** Seconds of waveform kept per device: one ECG sweep. */
export const RING_SECONDS = 10;

/**
 * The one subscription to `devices.live` the app shares, as an external store for
 * useSyncExternalStore. It keeps the device list, pending readings and the last ID card, and
 * writes waveforms into per-device rings that canvases read every frame.
 *
 * Flow control: events are handled as they arrive, and the highest event number is acknowledged
 * once per animation frame. A screen that is too busy to draw gets fewer frames, acknowledges
 * later, and the core sends it less (dropping waveform batches, never readings).
 *
 * The subscription lives while a screen needs it. A subscription the core refused (no doctor
 * signed in yet) never says hello; one the core cut off answers acks with not_found: both are
 * replaced by a new subscription.
 */
export class DeviceFeedStore {
  private state: FeedState = EMPTY_FEED;
  private readonly rings = new Map<string, WaveRing>();
  private readonly listeners = new Set<() => void>();
  private api: FeedApi | null = null;
  private users = 0;
  /** Bumped by every (re)subscription: events and answers for an older one are ignored. */
  private generation = 0;
  private unsubscribe: (() => void) | null = null;
  private cancelHelloWait: (() => void) | null = null;
  private cancelKeepalive: (() => void) | null = null;
  private cancelLinger: (() => void) | null = null;
  private cancelFrame: (() => void) | null = null;
  private retryMs = HELLO_WAIT_MS;
  private highest = 0;
  private acked = 0;
  private dirty = false;

  constructor(private readonly host: FeedHost) {}

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): FeedState => this.state;

  /** A screen needs the feed. Returns its release; the last release ends the subscription. */
  retain(api: FeedApi): () => void {
    this.users++;
    this.cancelLinger?.();
    this.cancelLinger = null;
    if (this.api !== api) {
      this.stop();
      this.api = api;
    }
    if (this.unsubscribe === null) this.start();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.users--;
      if (this.users > 0) return;
      this.cancelLinger = this.host.timer(() => {
        this.cancelLinger = null;
        this.stop();
      }, LINGER_MS);
    };
  }

  /** The waveform of a device as received so far, or null. */
  ring(deviceKey: string): WaveRing | null {
    return this.rings.get(deviceKey) ?? null;
  }

  /** Readings confirmed or discarded from this screen leave the list without waiting for the core. */
  forget(ids: readonly string[]): void {
    this.update(withoutReadings(this.state, ids));
    this.notify();
  }

  /** Replaces the pending list with the core's (after a reading turned out to be gone). */
  async resync(): Promise<void> {
    const api = this.api;
    if (!api) return;
    const pending: PendingReading[] = await api.pending({});
    if (api !== this.api) return;
    this.update(withPending(this.state, pending));
    this.notify();
  }

  private start(): void {
    const api = this.api;
    if (!api) return;
    const generation = ++this.generation;
    this.unsubscribe = api.live({}, (event) => {
      if (generation === this.generation) this.receive(event);
    });
    this.cancelHelloWait = this.host.timer(() => this.restart(), this.retryMs);
    this.keepalive(generation);
  }

  private keepalive(generation: number): void {
    this.cancelKeepalive = this.host.timer(() => {
      if (generation !== this.generation) return;
      this.sendAck(true);
      this.keepalive(generation);
    }, KEEPALIVE_MS);
  }

  private restart(): void {
    this.retryMs = Math.min(this.retryMs * 2, MAX_RETRY_MS);
    this.endSubscription();
    this.start();
  }

  private endSubscription(): void {
    this.generation++;
    this.unsubscribe?.();
    this.unsubscribe = null;
    for (const cancel of [this.cancelHelloWait, this.cancelKeepalive, this.cancelFrame]) cancel?.();
    this.cancelHelloWait = this.cancelKeepalive = this.cancelFrame = null;
  }

  /** No screen needs the feed: unsubscribe and forget everything (an ID card too). */
  private stop(): void {
    this.endSubscription();
    this.rings.clear();
    this.highest = this.acked = 0;
    this.retryMs = HELLO_WAIT_MS;
    this.dirty = false;
    this.update(EMPTY_FEED);
    this.notify();
  }

  private receive(event: LiveEvent): void {
    switch (event.type) {
      case 'hello':
        this.cancelHelloWait?.();
        this.cancelHelloWait = null;
        this.retryMs = HELLO_WAIT_MS;
        this.highest = this.acked = 0;
        // Whatever was sent to an earlier feed and not received is lost: break every trace.
        for (const ring of this.rings.values()) ring.breakTrace();
        break;
      case 'waveform':
        this.ringFor(event).write(event.seq, event.samples);
        break;
      case 'gap':
        this.rings.get(event.deviceKey)?.markMissing(event.seq, event.count);
        break;
      case 'skipped':
        this.rings.get(event.deviceKey)?.breakTrace();
        break;
      case 'devices': {
        const present = new Set(event.devices.map((d) => d.key));
        for (const key of this.rings.keys()) if (!present.has(key)) this.rings.delete(key);
        break;
      }
      default:
        break;
    }
    if (event.type !== 'hello') this.highest = Math.max(this.highest, event.n);
    this.update(applyEvent(this.state, event));
    this.scheduleFrame();
  }

  private ringFor(event: Extract<LiveEvent, { type: 'waveform' }>): WaveRing {
    const known = this.rings.get(event.deviceKey);
    if (known?.fits(event.channels, event.sampleRate, event.unit)) return known;
    const ring = new WaveRing(
      event.channels,
      event.sampleRate,
      event.unit,
      Math.max(1, Math.round(event.sampleRate * RING_SECONDS)),
    );
    this.rings.set(event.deviceKey, ring);
    return ring;
  }

  /** Once per frame: let the screens render what changed, then acknowledge what was handled. */
  private scheduleFrame(): void {
    if (this.cancelFrame) return;
    this.cancelFrame = this.host.frame(() => {
      this.cancelFrame = null;
      if (this.dirty) this.notify();
      this.sendAck(false);
    });
  }

  private sendAck(again: boolean): void {
    const api = this.api;
    const feed = this.state.feed;
    if (!api || feed === null || (!again && this.highest <= this.acked)) return;
    const n = this.highest;
    const generation = this.generation;
    this.acked = Math.max(this.acked, n);
    api.ack({ feed, n }).catch((error: unknown) => {
      if (generation !== this.generation) return;
      // The core no longer knows this feed (it cut off a screen that stopped acknowledging).
      if (stationErrorOf(error).code === 'not_found') this.restart();
      // Otherwise the next frame or the keepalive tries again.
      else this.acked = Math.min(this.acked, n - 1);
    });
  }

  private update(next: FeedState): void {
    if (next === this.state) return;
    this.state = next;
    this.dirty = true;
  }

  private notify(): void {
    this.dirty = false;
    for (const listener of [...this.listeners]) listener();
  }
}

const browserHost: FeedHost = {
  // A hidden window gets no animation frames; it still acknowledges, slowly, so the core keeps
  // the readings coming instead of cutting the feed off.
  frame(task) {
    if (document.visibilityState === 'hidden') {
      const id = setTimeout(task, 250);
      return () => clearTimeout(id);
    }
    const id = requestAnimationFrame(() => task());
    return () => cancelAnimationFrame(id);
  },
  timer(task, ms) {
    const id = setTimeout(task, ms);
    return () => clearTimeout(id);
  },
};

/** The app's one device feed. */
export const deviceFeed = new DeviceFeedStore(browserHost);
