import { z } from 'zod';
import { call, subscription } from '../define.js';
import { NoInput } from '../station.js';
import { Lane, RejectReason } from './wire.js';

const IsoTime = z.iso.datetime({ offset: true });

/**
 * Where sync stands: `not_configured` (no hub), `not_enrolled` (no enrollment code yet),
 * `connecting` (first round not finished), `syncing`, `online`, `offline` (hub unreachable,
 * retrying with backoff), `refused` (the hub refused the station: revoked, unknown, clock).
 */
export const SyncState = z.enum([
  'not_configured',
  'not_enrolled',
  'connecting',
  'syncing',
  'online',
  'offline',
  'refused',
]);
export type SyncState = z.infer<typeof SyncState>;

export const SyncStatus = z.object({
  state: SyncState,
  hubUrl: z.string().nullable(),
  waiting: z.object({
    emergency: z.number().int().nonnegative(),
    consult: z.number().int().nonnegative(),
    routine: z.number().int().nonnegative(),
  }),
  lastSyncAt: IsoTime.nullable(),
  /** Seconds to push what waits at the rate last measured; null before any push was measured. */
  estimateSeconds: z.number().nonnegative().nullable(),
  /** Records the hub refused, listed by `sync.needsAttention`. */
  needsAttention: z.number().int().nonnegative(),
  /** Why the last round failed: a hub refusal code, `unreachable` or `internal`. */
  lastError: z.string().nullable(),
});
export type SyncStatus = z.infer<typeof SyncStatus>;

/** A record the hub refused, with what the doctor needs to find and fix it. */
export const RejectedRecord = z.object({
  recordId: z.string(),
  version: z.number().int(),
  type: z.string(),
  patientId: z.string(),
  patientName: z.string().nullable(),
  lane: Lane,
  reason: z.union([RejectReason, z.string()]),
  detail: z.string(),
  recordedAt: z.string(),
  rejectedAt: z.string(),
});
export type RejectedRecord = z.infer<typeof RejectedRecord>;

export const syncDomain = {
  status: call(NoInput, SyncStatus),
  statusChanges: subscription(NoInput, SyncStatus),
  /** Records the hub refused, newest first. */
  needsAttention: call(NoInput, z.array(RejectedRecord)),
  /** Starts a sync round now instead of waiting for the next one. */
  syncNow: call(NoInput, z.object({ started: z.boolean() })),
} as const;
