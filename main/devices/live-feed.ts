import { v7 as uuidv7 } from 'uuid';
import type { LiveEvent } from '../../contract/devices/devices-domain.js';

type Numbered = Exclude<LiveEvent, { type: 'hello' }>;
/** An event before the feed numbers it. */
export type FeedEvent = Numbered extends infer E ? (E extends Numbered ? Omit<E, 'n'> : never) : never;

/** Events a screen may fall behind on without losing anything it must see. */
const droppable = (event: FeedEvent) => event.type === 'waveform';

interface Subscriber {
  readonly feed: string;
  readonly emit: (event: LiveEvent) => void;
  /** Number of the next event to send. */
  next: number;
  /** Highest event number the screen has acknowledged. */
  acked: number;
  /** Events held back while the window is full; waveforms are dropped instead of held. */
  held: FeedEvent[];
  /** Waveform batches dropped per device since the last one that was sent. */
  skipped: Map<string, number>;
}

/**
 * Live device events to each screen with credit-based flow control: a screen acknowledges
 * what it has drawn, and at most `window` events are ever in flight to it. When a screen falls
 * behind, waveform batches are dropped for it (and counted in a `skipped` event, so the trace
 * shows a break instead of a false join); readings, device states and ID cards are held and
 * all delivered. Recording (an ECG strip) happens in the core and never depends on a screen.
 */
export class LiveFeed {
  private readonly subscribers = new Map<string, Subscriber>();

  constructor(
    private readonly window = 32,
    /** Events held for one slow screen before it is cut off (it resubscribes and starts fresh). */
    private readonly maxHeld = 1_000,
  ) {}

  subscribe(emit: (event: LiveEvent) => void, initial: FeedEvent[] = []): { feed: string; unsubscribe: () => void } {
    const feed = uuidv7();
    const subscriber: Subscriber = { feed, emit, next: 1, acked: 0, held: [], skipped: new Map() };
    this.subscribers.set(feed, subscriber);
    emit({ type: 'hello', feed, window: this.window });
    for (const event of initial) this.offer(subscriber, event);
    return { feed, unsubscribe: () => this.subscribers.delete(feed) };
  }

  publish(event: FeedEvent): void {
    for (const subscriber of this.subscribers.values()) this.offer(subscriber, event);
  }

  /** The screen has drawn everything up to `n`: send what was held, as far as the window allows. */
  ack(feed: string, n: number): boolean {
    const subscriber = this.subscribers.get(feed);
    if (!subscriber) return false;
    subscriber.acked = Math.max(subscriber.acked, Math.min(n, subscriber.next - 1));
    this.flush(subscriber);
    return true;
  }

  get subscriberCount(): number {
    return this.subscribers.size;
  }

  private inFlight(s: Subscriber): number {
    return s.next - 1 - s.acked;
  }

  private offer(s: Subscriber, event: FeedEvent): void {
    if (droppable(event) && (s.held.length > 0 || this.inFlight(s) >= this.window)) {
      const key = (event as { deviceKey: string }).deviceKey;
      s.skipped.set(key, (s.skipped.get(key) ?? 0) + 1);
      return;
    }
    s.held.push(event);
    if (s.held.length > this.maxHeld) {
      // A screen that stopped acknowledging altogether: stop feeding it rather than grow.
      this.subscribers.delete(s.feed);
      return;
    }
    this.flush(s);
  }

  private flush(s: Subscriber): void {
    while (this.inFlight(s) < this.window) {
      const [deviceKey, batches] = s.skipped.entries().next().value ?? [];
      if (deviceKey !== undefined && batches !== undefined) {
        s.skipped.delete(deviceKey);
        this.send(s, { type: 'skipped', deviceKey, batches });
        continue;
      }
      const event = s.held.shift();
      if (!event) return;
      this.send(s, event);
    }
  }

  private send(s: Subscriber, event: FeedEvent): void {
    const n = s.next++;
    s.emit({ ...event, n } as LiveEvent);
  }
}
