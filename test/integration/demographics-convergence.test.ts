import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demographicStateOf } from '../../contract/records/demographics-fhir.js';
import { canonicalJson } from '../../contract/records/demographics-merge.js';
import { DemographicsPayload } from '../../contract/records/demographics.js';
import type { DemographicField, DemographicState } from '../../contract/records/demographics.js';
import { PatientInput } from '../../contract/records/patient.js';
import type { PushRecord } from '../../contract/sync/wire.js';
import { openPglite } from '../../hub/server/db.js';
import type { HubDb } from '../../hub/server/db.js';
import { editDemographicsOnHub, mergePushedPatient, readDemographics } from '../../hub/server/demographics/index.js';
import { migrate } from '../../hub/server/migrate.js';
import { applyPush } from '../../hub/server/sync/apply-push.js';
import { currentDemographics } from '../../main/records/demographics/current-demographics.js';
import { applyPulledDemographics, hubActor, updateDemographics } from '../../main/records/demographics/index.js';
import type { Actor } from '../../main/records/ledger.js';
import { registerPatient } from '../../main/records/register-patient.js';
import { openStore } from '../../main/store/index.js';
import type { Store } from '../../main/store/index.js';

/**
 * Convergence of demographics between a real station store (SQLite file) and a real hub
 * database (PGlite): the doctor and a hub editor change fields in any interleaving, the
 * station pushes its Patient versions in order (some batches twice), the hub's edits are
 * pulled in order (some items applied twice), and the hub's clock runs a few seconds off.
 * Once everything has been exchanged, station and hub hold the same values and clocks, and
 * every value that lost to an edit made without seeing it is in a conflict log.
 */
const STATION = '0195a3c0-1111-7000-8000-00000000aaaa';
const actor: Actor = { userId: 'u-1', stationId: STATION };
const FIELDS = ['name', 'phone', 'village', 'address', 'insuranceNumber'] as const;
type Field = (typeof FIELDS)[number];

let hub: HubDb;
beforeAll(async () => {
  hub = await openPglite();
  await migrate(hub);
});
afterAll(async () => hub.close());

/** A distinct valid value for each write, so every write can be told apart by its value. */
function valueFor(field: Field, n: number): string {
  const letters = n.toString(26).replace(/./g, (d) => String.fromCharCode(97 + parseInt(d, 26)));
  switch (field) {
    case 'name':
      return `Zhang ${letters}`;
    case 'phone':
      return `139${String(n).padStart(8, '0')}`;
    case 'village':
      return `村${letters}`;
    case 'address':
      return `东山村${n}号`;
    case 'insuranceNumber':
      return `INS${n}`;
  }
}

type Op =
  | { kind: 'stationEdit'; fields: Field[] }
  | { kind: 'hubEdit'; fields: Field[] }
  | { kind: 'push'; count: number }
  | { kind: 'pushAgain'; pick: number }
  | { kind: 'pull'; count: number }
  | { kind: 'pullAgain'; pick: number };

const arbFields = fc.subarray([...FIELDS], { minLength: 1, maxLength: 3 });
const arbOp: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('stationEdit' as const), fields: arbFields }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('hubEdit' as const), fields: arbFields }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('push' as const), count: fc.integer({ min: 1, max: 3 }) }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('pushAgain' as const), pick: fc.nat() }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('pull' as const), count: fc.integer({ min: 1, max: 3 }) }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('pullAgain' as const), pick: fc.nat() }), weight: 1 },
);

/** The station and the hub for one run, and what each has sent the other so far. */
class Pair {
  private readonly dir = mkdtempSync(join(tmpdir(), 'cunyi-demographics-'));
  readonly store: Store = openStore(join(this.dir, 'station.db'));
  readonly patientId: string;
  private pushed = 0;
  private pulled = 0;
  private serial = 0;

  constructor(private readonly hubSkewMs: number) {
    this.store.db
      .prepare(
        "INSERT INTO users (id, display_name, role, pin_hash, created_at) VALUES ('u-1', '王医生', 'doctor', 'x', 'now')",
      )
      .run();
    this.patientId = registerPatient(
      this.store.db,
      actor,
      PatientInput.parse({
        name: '张三',
        sex: 'female',
        birthDate: '1949-12-31',
        village: '东山村',
        consent: { telemedicine: true, shareWithHub: true },
      }),
    ).id;
  }

  close(): void {
    this.store.close();
    rmSync(this.dir, { recursive: true, force: true });
  }

  private patientVersions(): PushRecord[] {
    return (
      this.store.db
        .prepare(
          "SELECT id, version, status, body, recorded_at, recorded_by FROM records WHERE type = 'Patient' ORDER BY version",
        )
        .all() as {
        id: string;
        version: number;
        status: string;
        body: string;
        recorded_at: string;
        recorded_by: string;
      }[]
    ).map((r) => ({
      id: r.id,
      version: r.version,
      type: 'Patient',
      patientId: r.id,
      encounterId: null,
      status: r.status,
      recordedAt: r.recorded_at,
      recordedBy: r.recorded_by,
      lane: 'routine',
      body: r.body,
    }));
  }

  private async outbound(): Promise<unknown[]> {
    const rows = await hub.query<{ payload: unknown }>(
      "SELECT payload FROM station_outbound WHERE station_id = $1 AND kind = 'demographics' ORDER BY seq",
      [STATION],
    );
    return rows.map((r) => r.payload);
  }

  private values(fields: readonly Field[]): Record<string, string> {
    return Object.fromEntries(fields.map((f) => [f, valueFor(f, ++this.serial)]));
  }

  private apply(payload: unknown): void {
    this.store.db.transaction(() => applyPulledDemographics(this.store.db, hubActor(STATION), payload)).immediate();
  }

  async run(op: Op): Promise<void> {
    switch (op.kind) {
      case 'stationEdit': {
        const version = currentDemographics(this.store.db, this.patientId)!.record.version;
        updateDemographics(this.store.db, actor, {
          patientId: this.patientId,
          expectedVersion: version,
          changes: this.values(op.fields),
        });
        return;
      }
      case 'hubEdit':
        await editDemographicsOnHub(hub, this.patientId, this.values(op.fields), 'dr.li', {
          now: () => Date.now() + this.hubSkewMs,
        });
        return;
      case 'push': {
        const batch = this.patientVersions().slice(this.pushed, this.pushed + op.count);
        if (batch.length === 0) return;
        await applyPush(hub, STATION, batch, { onPatient: mergePushedPatient });
        this.pushed += batch.length;
        return;
      }
      case 'pushAgain': {
        if (this.pushed === 0) return;
        const version = this.patientVersions()[op.pick % this.pushed]!;
        expect(await applyPush(hub, STATION, [version], { onPatient: mergePushedPatient })).toEqual([
          { outcome: 'duplicate' },
        ]);
        return;
      }
      case 'pull': {
        const items = (await this.outbound()).slice(this.pulled, this.pulled + op.count);
        for (const payload of items) this.apply(payload);
        this.pulled += items.length;
        return;
      }
      case 'pullAgain': {
        if (this.pulled === 0) return;
        this.apply((await this.outbound())[op.pick % this.pulled]);
        return;
      }
    }
  }

  /** Everything still unsent, both ways, until neither side has anything new. */
  async settle(): Promise<void> {
    for (let round = 0; round < 3; round++) {
      await this.run({ kind: 'push', count: 1_000 });
      await this.run({ kind: 'pull', count: 1_000 });
    }
    expect(this.patientVersions().length).toBe(this.pushed);
    expect((await this.outbound()).length).toBe(this.pulled);
  }

  stationState(): DemographicState {
    return currentDemographics(this.store.db, this.patientId)!.state;
  }

  async hubState(): Promise<DemographicState> {
    return (await readDemographics(hub, this.patientId)).state;
  }

  /** Every write either side ever made to a field: station versions' stamps and hub items. */
  async writes(): Promise<{ field: DemographicField; hlc: string; prev: string | null }[]> {
    const seen = new Map<string, { field: DemographicField; hlc: string; prev: string | null }>();
    const add = (field: DemographicField, hlc: string, prev: string | null) =>
      seen.set(`${field}/${hlc}`, { field, hlc, prev });
    for (const v of this.patientVersions()) {
      const state = demographicStateOf(JSON.parse(v.body), this.patientId, STATION);
      for (const [field, s] of Object.entries(state)) add(field as DemographicField, s.hlc, s.prev);
    }
    for (const payload of await this.outbound())
      for (const [field, s] of Object.entries(DemographicsPayload.parse(payload).fields))
        add(field as DemographicField, s.hlc, s.prev);
    return [...seen.values()];
  }

  async conflictLosers(): Promise<Set<string>> {
    const station = this.store.db.prepare('SELECT field, lost_hlc FROM demographic_conflicts').all() as {
      field: string;
      lost_hlc: string;
    }[];
    const atHub = await hub.query<{ field: string; lost_hlc: string }>(
      'SELECT field, lost_hlc FROM demographic_conflicts',
    );
    return new Set([...station, ...atHub].map((c) => `${c.field}/${c.lost_hlc}`));
  }
}

describe('demographics between a station and the hub', () => {
  it('converge after any interleaving of edits, pushes and pulls, with every concurrent loser logged', async () => {
    let conflictsSeen = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(arbOp, { minLength: 1, maxLength: 24 }),
        fc.integer({ min: -5_000, max: 5_000 }),
        async (ops, skew) => {
          await hub.exec(
            'TRUNCATE patient_demographics, demographic_conflicts, station_outbound, hub_records, stations CASCADE',
          );
          await hub.query(
            "INSERT INTO stations (station_id, app_version, first_seen_at, last_seen_at, name) VALUES ($1, 'test', now(), now(), 'st')",
            [STATION],
          );
          const pair = new Pair(skew);
          try {
            await pair.run({ kind: 'push', count: 1 }); // the registration reaches the hub before any hub edit
            for (const op of ops) await pair.run(op);
            await pair.settle();

            const station = pair.stationState();
            const atHub = await pair.hubState();
            expect(canonicalJson(atHub)).toBe(canonicalJson(station));

            const replaced = new Set(
              (await pair.writes()).filter((w) => w.prev !== null).map((w) => `${w.field}/${w.prev}`),
            );
            const logged = await pair.conflictLosers();
            conflictsSeen += logged.size;
            for (const w of await pair.writes()) {
              const key = `${w.field}/${w.hlc}`;
              if (station[w.field]?.hlc === w.hlc || replaced.has(key)) continue;
              expect(logged.has(key), `${key} was overwritten concurrently but is in no conflict log`).toBe(true);
            }
          } finally {
            pair.close();
          }
        },
      ),
      { numRuns: 40 },
    );
    // The runs did exercise the conflict path, not only orderly edits.
    expect(conflictsSeen).toBeGreaterThan(0);
  });
});
