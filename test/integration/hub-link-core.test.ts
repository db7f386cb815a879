import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { StationStatus } from '../../contract/index.js';
import { enrollmentCodeDigest, newEnrollmentCode } from '../../hub/server/sync/enrollment-code.js';
import { startCore } from '../../main/core.js';
import type { Core } from '../../main/core.js';
import { startTestHub } from '../support/sync-fixture.js';
import type { TestHub } from '../support/sync-fixture.js';
import { until } from '../support/wait.js';

/** The station core's hub link against a real hub: signed, refused until enrolled, then online. */
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface LogLine {
  level: number;
  msg: string;
  refusal?: string;
}

async function start(hub: TestHub, enrollmentCode: string): Promise<{ core: Core; lines: LogLine[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'cunyi-hub-link-core-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const lines: LogLine[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => void lines.push(JSON.parse(line) as LogLine) });
  const core = await startCore({
    dataDir: dir,
    hubUrl: hub.url,
    enrollmentCode,
    mode: 'browser',
    appVersion: '7.7.7',
    logger,
    sync: { backoffMs: () => 100, idleMs: 60_000 },
  });
  cleanups.push(() => core.close());
  return { core, lines };
}

async function hubState(core: Core): Promise<StationStatus['hub']> {
  const result = await core.dispatcher.call('station.status', {}, { via: 'internal' });
  if (!result.ok) throw new Error(result.error.code);
  return (result.value as StationStatus).hub;
}

/** Polls the core's status until its hub link is in `state`. */
async function linkState(core: Core, state: StationStatus['hub']['state'], ms: number): Promise<void> {
  let current: StationStatus['hub']['state'] | undefined;
  const poll = setInterval(() => void hubState(core).then((hub) => (current = hub.state)), 20);
  try {
    await until(() => current === state, ms);
  } finally {
    clearInterval(poll);
  }
}

const refusals = (lines: LogLine[]): LogLine[] => lines.filter((line) => line.msg === 'hub refused the station');

describe('the station core hub link', () => {
  it('enrolls with its code and ends up online, the hub recording its hello', async () => {
    const hub = await startTestHub();
    cleanups.push(() => hub.close());
    const { core } = await start(hub, await hub.enrollmentCode());
    await linkState(core, 'online', 10_000);
    expect((await hubState(core)).lastContactAt).not.toBeNull();
    const [row] = await hub.db.query<{ app_version: string; public_key: Buffer | null }>(
      'SELECT app_version, public_key FROM stations WHERE station_id = $1',
      [core.info.stationId],
    );
    expect(row?.app_version).toBe('7.7.7');
    expect(row?.public_key).not.toBeNull();
  });

  it('is refused quietly until enrollment succeeds, then comes online without waiting out its backoff', async () => {
    const hub = await startTestHub();
    cleanups.push(() => hub.close());
    // A code the hub does not know yet: enrollment fails and the link is refused meanwhile.
    const code = newEnrollmentCode();
    const { core, lines } = await start(hub, code);
    await linkState(core, 'offline', 10_000);
    await until(() => refusals(lines).length > 0, 5_000);
    expect(refusals(lines)).toEqual([expect.objectContaining({ level: 40, refusal: 'station_unknown' })]);

    await hub.db.query(
      `INSERT INTO admin_users (username, password_hash) VALUES ('test-admin', 'not-a-hash') ON CONFLICT DO NOTHING`,
    );
    await hub.db.query(
      `INSERT INTO enrollment_codes (code_sha256, name, created_by, expires_at)
       VALUES ($1, '西河村卫生室', 'test-admin', now() + interval '1 day')`,
      [enrollmentCodeDigest(code)],
    );
    // The refused link would wait 30-60 s; enrollment tells it to try again at once.
    await linkState(core, 'online', 5_000);
    expect(refusals(lines)).toHaveLength(1);
    expect(lines.some((line) => line.msg === 'station enrolled with the hub')).toBe(true);
  });
});
