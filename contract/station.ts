import { z } from 'zod';
import { call, subscription } from './define.js';
import { AuditReport } from './records/audit.js';

/** No input: the empty object, and nothing else. */
export const NoInput = z.object({}).strict().optional();

export const HubState = z.enum(['not_configured', 'connecting', 'online', 'offline']);
export type HubState = z.infer<typeof HubState>;

const IsoTime = z.iso.datetime({ offset: true });

export const StationInfo = z.object({
  stationId: z.uuid(),
  appVersion: z.string(),
  mode: z.enum(['browser', 'electron']),
  database: z.object({
    path: z.string(),
    schemaVersion: z.number().int().nonnegative(),
    shippedSchemaVersion: z.number().int().nonnegative(),
  }),
  startedAt: IsoTime,
});
export type StationInfo = z.infer<typeof StationInfo>;

export const StationStatus = z.object({
  hub: z.object({
    url: z.string().nullable(),
    state: HubState,
    lastContactAt: IsoTime.nullable(),
  }),
});
export type StationStatus = z.infer<typeof StationStatus>;

export const stationDomain = {
  /** Facts that do not change while the core runs. */
  info: call(NoInput, StationInfo),
  /** The current status: hub link state and last contact. */
  status: call(NoInput, StationStatus),
  /** Status changes, starting with the current status. */
  statusChanges: subscription(NoInput, StationStatus),
  /** Walks the audit chain and the records it vouches for; signed-in doctors only. */
  verifyAudit: call(NoInput, AuditReport),
} as const;
