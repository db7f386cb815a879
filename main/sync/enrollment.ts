import type Database from 'better-sqlite3';
import { SYNC_PATHS } from '../../contract/sync/wire.js';
import type { EnrollResponse } from '../../contract/sync/wire.js';
import { prepared } from '../store/prepared.js';
import type { HubCallFn } from './hub-http.js';

const ENROLLED_KEY = 'sync_enrolled_hub';

/** The hub this station is enrolled with, or null. */
export function enrolledHub(db: Database.Database): string | null {
  const row = prepared<[], { value: string }>(db, `SELECT value FROM station_meta WHERE key = '${ENROLLED_KEY}'`).get();
  return row?.value ?? null;
}

export interface EnrollParams {
  hubUrl: string;
  code: string;
  stationId: string;
  publicKeyText: string;
  appVersion: string;
}

/**
 * Enrolls with a one-time code, signed with the key being enrolled, and remembers the hub.
 * Sending it again after a lost answer is safe: the hub answers the same.
 */
export async function enroll(db: Database.Database, call: HubCallFn, params: EnrollParams): Promise<EnrollResponse> {
  const answer = await call<EnrollResponse>({
    method: 'POST',
    path: SYNC_PATHS.enroll,
    json: {
      code: params.code,
      stationId: params.stationId,
      publicKey: params.publicKeyText,
      appVersion: params.appVersion,
    },
  });
  prepared(
    db,
    `INSERT INTO station_meta (key, value) VALUES ('${ENROLLED_KEY}', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
  ).run(params.hubUrl);
  return answer;
}
