import { createHash } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type Database from 'better-sqlite3';
import { brotliCompressSync, constants } from 'node:zlib';
import {
  LARGE_BODY_BYTES,
  MAX_PULL_ITEMS,
  PullResponse,
  PushResponse,
  RECORD_BODY_MEDIA_TYPE,
  SYNC_PATHS,
} from '../../contract/sync/wire.js';
import type { PullItem, PushRecord } from '../../contract/sync/wire.js';
import type { SyncState, SyncStatus } from '../../contract/sync/station-sync.js';
import type { Logger } from '../logger.js';
import { prepared } from '../store/prepared.js';
import { enroll, enrolledHub } from './enrollment.js';
import { HubRefused, HubUnreachable, hubClient } from './hub-http.js';
import type { HubCallFn } from './hub-http.js';
import { DEFAULT_BATCH_LIMITS, nextBatch, waitingByLane } from './outbox-batch.js';
import type { BatchLimits, OutboxEntry } from './outbox-batch.js';
import { onOutboxWrite } from './outbox-signal.js';
import { applyPulled, pullCursor } from './pull-apply.js';
import type { PullApplier } from './pull-apply.js';
import { recordAcks } from './record-acks.js';
import { uploadPayload } from './payload-upload.js';
import { createRequestSigner } from './request-signer.js';
import type { RequestSigner } from './request-signer.js';
import { stationKeys } from './station-keys.js';

export interface SyncEngineOptions {
  db: Database.Database;
  hubUrl: string;
  stationId: string;
  appVersion: string;
  logger: Logger;
  /** One-time code to enroll with when not enrolled yet. */
  enrollmentCode?: string;
  appliers?: Partial<Record<PullItem['kind'], PullApplier>>;
  /** Bytes per tus PATCH: what a dropped link can cost at most. */
  uploadChunkBytes?: number;
  batch?: BatchLimits;
  /** Pause between rounds while all is well: picks up what the hub holds for the station. */
  idleMs?: number;
  /** Backoff ceiling before retry n (0-based), before jitter. */
  backoffMs?: (attempt: number) => number;
  /** How long a routine write waits for company before a round starts. */
  routineDelayMs?: number;
  /** How long one request to the hub may take before it counts as lost. */
  requestTimeoutMs?: number;
  /** Called once the station has enrolled: what waited on enrollment can go now. */
  onEnrolled?: () => void;
}

/** The hub's answer, checked against the contract: nothing from the hub is trusted unread. */
function checked<T>(
  schema: { safeParse(value: unknown): { success: true; data: T } | { success: false } },
  value: unknown,
): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new HubUnreachable('the hub answered outside the contract');
  return parsed.data;
}

const META_LAST_SYNC = 'sync_last_success';
const defaultBackoff = (attempt: number): number => Math.min(5 * 60_000, 1_000 * 2 ** attempt);

/**
 * Pushes the outbox and pulls what the hub holds, in rounds that never overlap. Backs off
 * exponentially with jitter while the hub cannot be reached; `wake()` (the link came back,
 * an emergency record was written) starts a round at once.
 */
export class SyncEngine {
  private readonly events = new EventEmitter<{ status: [SyncStatus] }>();
  private readonly call: HubCallFn;
  private readonly limits: BatchLimits;
  private readonly deferred = new Set<number>();
  private state: SyncState = 'connecting';
  private lastError: string | null = null;
  private attempt = 0;
  private running: Promise<void> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  /** Records per second pushed, smoothed; null before the first push. */
  private throughput: number | null = null;
  private readonly unsubscribe: () => void;
  private statusTimer: NodeJS.Timeout | undefined;

  constructor(private readonly options: SyncEngineOptions) {
    const keys = stationKeys(options.db);
    this.publicKeyText = keys.publicKeyText;
    this.signer = createRequestSigner(options.stationId, keys.privateKey);
    this.call = hubClient({
      hubUrl: options.hubUrl,
      signer: this.signer,
      ...(options.requestTimeoutMs ? { timeoutMs: options.requestTimeoutMs } : {}),
    });
    this.limits = options.batch ?? DEFAULT_BATCH_LIMITS;
    this.events.setMaxListeners(100);
    this.unsubscribe = onOutboxWrite(options.db, (lane) => {
      // A consult request is waited for by a doctor and a specialist: it goes now, like an emergency.
      if (lane === 'emergency' || lane === 'consult') setImmediate(() => this.wake());
      else if (this.state === 'online' || this.state === 'syncing') {
        // A write during a round's pull would otherwise wait for the idle timer.
        if (this.running) this.again = true;
        else this.schedule(options.routineDelayMs ?? 1_000);
      }
      this.statusChanged();
    });
  }

  private readonly publicKeyText: string;
  private readonly signer: RequestSigner;

  start(): void {
    this.wake();
  }

  /** Starts a round now, or right after the one running. */
  wake(): void {
    if (this.closed) return;
    clearTimeout(this.timer);
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.round().finally(() => {
      this.running = null;
      if (this.closed) return;
      if (this.again) {
        this.again = false;
        this.wake();
      }
    });
  }

  /** Resolves when no round is running (for tests and shutdown). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  status(): SyncStatus {
    const waiting = waitingByLane(this.options.db);
    const total = waiting.emergency + waiting.consult + waiting.routine;
    return {
      state: this.state,
      hubUrl: this.options.hubUrl,
      waiting,
      lastSyncAt: this.lastSync(),
      estimateSeconds: total === 0 ? 0 : this.throughput ? Math.ceil(total / this.throughput) : null,
      needsAttention:
        prepared<[], { n: number }>(this.options.db, 'SELECT count(*) AS n FROM sync_rejections').get()?.n ?? 0,
      lastError: this.lastError,
    };
  }

  subscribe(listener: (status: SyncStatus) => void): () => void {
    this.events.on('status', listener);
    return () => this.events.off('status', listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    clearTimeout(this.statusTimer);
    this.unsubscribe();
    await this.idle().catch(() => undefined);
  }

  private lastSync(): string | null {
    return (
      prepared<[], { value: string }>(
        this.options.db,
        `SELECT value FROM station_meta WHERE key = '${META_LAST_SYNC}'`,
      ).get()?.value ?? null
    );
  }

  /** Status changes reach subscribers at most every 250 ms: a drain acks thousands of records. */
  private statusChanged(): void {
    if (this.statusTimer || this.events.listenerCount('status') === 0) return;
    this.statusTimer = setTimeout(() => {
      this.statusTimer = undefined;
      if (!this.closed) this.events.emit('status', this.status());
    }, 250);
  }

  private setState(state: SyncState, error: string | null = null): void {
    this.state = state;
    this.lastError = error;
    this.statusChanged();
  }

  private schedule(delayMs: number): void {
    if (this.closed) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.wake(), delayMs);
    this.timer.unref?.();
  }

  private async round(): Promise<void> {
    try {
      if (!(await this.ensureEnrolled())) return;
      this.setState(this.state === 'online' ? 'online' : 'syncing');
      await this.push();
      await this.pull();
      this.attempt = 0;
      prepared(
        this.options.db,
        `INSERT INTO station_meta (key, value) VALUES ('${META_LAST_SYNC}', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
      ).run(new Date().toISOString());
      this.setState('online');
      this.schedule(this.deferred.size > 0 ? 5_000 : (this.options.idleMs ?? 30_000));
      // Entries set aside wait for the next round, not forever.
      this.deferred.clear();
    } catch (error) {
      this.failed(error);
    }
  }

  private failed(error: unknown): void {
    const backoff = this.options.backoffMs ?? defaultBackoff;
    const ceiling = backoff(this.attempt++);
    // Equal jitter: never sooner than half the ceiling, spread so stations do not retry in step.
    const delay = ceiling / 2 + Math.random() * (ceiling / 2);
    if (error instanceof HubRefused) {
      this.options.logger.warn({ refusal: error.refusal, status: error.status }, 'hub refused sync');
      this.setState('refused', error.refusal);
    } else {
      const message = error instanceof Error ? error.message : String(error);
      if (!(error instanceof HubUnreachable)) this.options.logger.error({ err: message }, 'sync round failed');
      else this.options.logger.debug({ err: message }, 'hub unreachable');
      this.setState('offline', error instanceof HubUnreachable ? 'unreachable' : 'internal');
    }
    this.schedule(delay);
  }

  private async ensureEnrolled(): Promise<boolean> {
    if (enrolledHub(this.options.db) === this.options.hubUrl) return true;
    if (!this.options.enrollmentCode) {
      this.setState('not_enrolled');
      return false;
    }
    await enroll(this.options.db, this.call, {
      hubUrl: this.options.hubUrl,
      code: this.options.enrollmentCode,
      stationId: this.options.stationId,
      publicKeyText: this.publicKeyText,
      appVersion: this.options.appVersion,
    });
    this.options.logger.info('station enrolled with the hub');
    this.options.onEnrolled?.();
    return true;
  }

  private async push(): Promise<void> {
    for (;;) {
      if (this.closed) return;
      const batch = nextBatch(this.options.db, this.limits, this.deferred);
      if (batch.length === 0) return;
      const records: PushRecord[] = [];
      for (const entry of batch) records.push(await this.prepare(entry));
      const sent = batch;
      const started = performance.now();
      const answer = checked(
        PushResponse,
        await this.call<unknown>({ method: 'POST', path: SYNC_PATHS.push, json: { records } }),
      );
      const seconds = (performance.now() - started) / 1000;
      const summary = recordAcks(this.options.db, sent, answer.results, new Date().toISOString());
      for (const seq of summary.pending) this.deferred.add(seq);
      if (summary.rejected > 0) this.options.logger.warn({ rejected: summary.rejected }, 'hub rejected records');
      const rate = sent.length / Math.max(seconds, 0.001);
      this.throughput = this.throughput === null ? rate : 0.7 * this.throughput + 0.3 * rate;
      this.statusChanged();
    }
  }

  /**
   * The record as pushed: a large body, or a payload the record refers to, goes first as a
   * resumable upload, so a dropped link costs one chunk, not the whole ECG strip.
   */
  private async prepare(entry: OutboxEntry): Promise<PushRecord> {
    const { record } = entry;
    if (entry.payload) {
      const row = prepared<[string, number], { data: Buffer }>(
        this.options.db,
        'SELECT data FROM record_payloads WHERE record_id = ? AND record_version = ?',
      ).get(record.id, record.version);
      if (!row) throw new Error('a record payload vanished from the store');
      const { uploadId } = await this.upload(entry.payload.sha256, entry.payload.mediaType, row.data);
      return { ...record, payload: { uploadId, sha256: entry.payload.sha256, size: entry.payload.size } };
    }
    if (Buffer.byteLength(record.body) <= LARGE_BODY_BYTES) return record;
    // Deterministic compression: a restart compresses to the same bytes and resumes the same upload.
    const data = brotliCompressSync(Buffer.from(record.body, 'utf8'), {
      params: { [constants.BROTLI_PARAM_QUALITY]: 6 },
    });
    const sha256 = createHash('sha256').update(data).digest('hex');
    const { uploadId } = await this.upload(sha256, RECORD_BODY_MEDIA_TYPE, data);
    return { ...record, body: '', bodyInPayload: true, payload: { uploadId, sha256, size: data.length } };
  }

  private upload(sha256: string, mediaType: string, data: Buffer): Promise<{ uploadId: string }> {
    return uploadPayload({
      hubUrl: this.options.hubUrl,
      signer: this.signer,
      db: this.options.db,
      sha256,
      mediaType,
      data,
      chunkSize: this.options.uploadChunkBytes ?? 256 * 1024,
      retryDelays: [],
      stallTimeoutMs: this.options.requestTimeoutMs ?? 30_000,
    });
  }

  private async pull(): Promise<void> {
    for (;;) {
      if (this.closed) return;
      const after = pullCursor(this.options.db);
      const answer = checked(
        PullResponse,
        await this.call<unknown>({ method: 'GET', path: `${SYNC_PATHS.pull}?after=${after}&limit=${MAX_PULL_ITEMS}` }),
      );
      if (answer.items.length > 0 || answer.cursor !== after) {
        const outcome = applyPulled(
          this.options.db,
          answer.items,
          answer.cursor,
          this.options.appliers ?? {},
          new Date().toISOString(),
        );
        for (const failure of outcome.failed)
          this.options.logger.warn(
            { seq: failure.seq, kind: failure.kind, error: failure.error },
            'pulled item not applied',
          );
      }
      if (!answer.more) return;
    }
  }
}
