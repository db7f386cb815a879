import { performance } from 'node:perf_hooks';
import type { ChaosOptions, Direction, PerDirection } from './chaos-options.js';

/** What a lane needs of a proxied connection. */
export interface LaneConnection {
  dead: boolean;
  /** Bytes queued in the lanes and not yet delivered, per direction. */
  pending: PerDirection<number>;
}

interface QueueItem<C> {
  at: number;
  conn: C;
  data?: Buffer;
  action?: () => void;
}

/** One direction of the shared link: a FIFO drained by a token bucket, then delayed. */
export class Lane<C extends LaneConnection> {
  private items: (QueueItem<C> | undefined)[] = [];
  private head = 0;
  private timer: NodeJS.Timeout | null = null;
  private pumping = false;
  // Theoretical arrival time of the token bucket (GCRA form), in performance.now() ms.
  private tat = 0;

  constructor(
    private readonly dir: Direction,
    private readonly options: () => ChaosOptions,
    private readonly deliver: (dir: Direction, conn: C, data: Buffer) => void,
  ) {}

  send(conn: C, data: Buffer): void {
    const { bytesPerSecond, delayMs, burstBytes } = this.options();
    const rate = bytesPerSecond[this.dir];
    const delay = delayMs[this.dir];
    const now = performance.now();
    if (rate === 0) {
      this.enqueue({ at: now + delay, conn, data });
      return;
    }
    // Slices keep a big chunk from leaving as one burst; about 50 per second at the set rate.
    const slice = Math.min(16_384, Math.max(512, Math.round(rate / 50)));
    const toleranceMs = ((burstBytes || Math.max(slice, rate / 20)) / rate) * 1000;
    for (let offset = 0; offset < data.length; offset += slice) {
      const piece = data.subarray(offset, offset + slice);
      this.tat = Math.max(this.tat, now) + (piece.length / rate) * 1000;
      this.enqueue({ at: Math.max(now, this.tat - toleranceMs) + delay, conn, data: piece });
    }
  }

  /** Runs `action` once everything queued before it is through; `delayed` also waits the link delay (a FIN does). */
  act(conn: C, action: () => void, delayed: boolean): void {
    const at = delayed ? performance.now() + this.options().delayMs[this.dir] : 0;
    this.enqueue({ at, conn, action });
  }

  clear(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.items = [];
    this.head = 0;
  }

  private enqueue(item: QueueItem<C>): void {
    if (item.data) item.conn.pending[this.dir] += item.data.length;
    this.items.push(item);
    if (!this.timer) this.pump();
  }

  private pump = (): void => {
    if (this.pumping) return;
    this.pumping = true;
    this.timer = null;
    try {
      while (this.head < this.items.length) {
        const item = this.items[this.head]!;
        // A destroyed connection's bytes no longer hold up the others.
        const wait = item.conn.dead ? 0 : item.at - performance.now();
        if (wait > 0.5) {
          this.timer = setTimeout(this.pump, Math.ceil(wait));
          return;
        }
        this.items[this.head++] = undefined;
        if (item.data) {
          item.conn.pending[this.dir] -= item.data.length;
          if (!item.conn.dead) this.deliver(this.dir, item.conn, item.data);
        } else if (!item.conn.dead) item.action?.();
      }
      this.items = [];
      this.head = 0;
    } finally {
      if (this.head > 4096 && this.head * 2 > this.items.length) {
        this.items = this.items.slice(this.head);
        this.head = 0;
      }
      this.pumping = false;
    }
  };
}
