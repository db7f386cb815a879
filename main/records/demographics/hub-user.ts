import type { Actor } from '../ledger.js';

/**
 * The cloud hospital as a station user. A Patient version that merges in an edit made at the
 * hub is recorded by this user (migration 0008 creates it disabled, with a PIN hash no PIN
 * matches), and its audit entry says `demographics.merged_from_hub`.
 */
export const HUB_USER_ID = '00000000-0000-7000-8000-00000000c10d';

/** Who writes what the hub sent, on this station. */
export function hubActor(stationId: string): Actor {
  return { userId: HUB_USER_ID, stationId };
}
