import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeHlc, HybridClock, writeStamp } from '../sync/hlc.js';
import { registrationStamp } from './demographics-fhir.js';
import { canonicalJson, mergeDemographics } from './demographics-merge.js';
import type { MergeConflict } from './demographics-merge.js';
import type { DemographicField, DemographicState, FieldState } from './demographics.js';

const T0 = Date.parse('2025-03-01T08:00:00Z');
const hlc = (wall: number, counter = 0, node = 'st') => encodeHlc({ wall, counter, node });
const state = (value: unknown, at: string, prev: string | null, origin = 'st'): FieldState => ({
  value,
  hlc: at,
  prev,
  origin,
  by: origin === 'hub' ? 'admin' : 'u-1',
});

const registered = hlc(T0);
const base: DemographicState = {
  phone: state('13800138000', registered, null),
  village: state('东山村', registered, null),
};

describe('mergeDemographics', () => {
  it('takes the later clock per field and reports which fields it took', () => {
    const edited = state('13900139000', hlc(T0 + 10, 0, 'hub'), registered, 'hub');
    const { merged, changed, conflicts } = mergeDemographics(base, { phone: edited });
    expect(merged).toEqual({ ...base, phone: edited });
    expect(changed).toEqual(['phone']);
    // The hub's edit was made over the registered value: an ordinary later edit.
    expect(conflicts).toEqual([]);
    // An older value arriving changes nothing.
    expect(mergeDemographics(merged, base)).toMatchObject({ changed: [], conflicts: [] });
  });

  it('logs the loser of two concurrent edits of the same field, on either side', () => {
    const station = state('13700137000', hlc(T0 + 20), registered);
    const hub = state('13900139000', hlc(T0 + 30, 0, 'hub'), registered, 'hub');
    const atStation = mergeDemographics({ ...base, phone: station }, { phone: hub });
    const atHub = mergeDemographics({ ...base, phone: hub }, { phone: station });
    const expected: MergeConflict[] = [{ field: 'phone', kept: hub, lost: station }];
    expect(atStation.conflicts).toEqual(expected);
    expect(atHub.conflicts).toEqual(expected);
    expect(atStation.merged).toEqual(atHub.merged);
    expect(atStation.changed).toEqual(['phone']);
    expect(atHub.changed).toEqual([]);
  });

  it('does not call two concurrent edits to the same value a conflict', () => {
    const station = state('13700137000', hlc(T0 + 20), registered);
    const hub = state('13700137000', hlc(T0 + 30, 0, 'hub'), registered, 'hub');
    const { merged, conflicts } = mergeDemographics({ phone: station }, { phone: hub });
    expect(conflicts).toEqual([]);
    expect(merged.phone).toEqual(hub);
  });

  it('treats equal clocks as the same write, and still agrees if their contents ever differ', () => {
    expect(mergeDemographics(base, { ...base })).toEqual({ merged: base, changed: [], conflicts: [] });
    const a = state('13700137000', hlc(T0 + 5), registered);
    const b = state('13900139000', hlc(T0 + 5), registered);
    const ab = mergeDemographics({ phone: a }, { phone: b });
    const ba = mergeDemographics({ phone: b }, { phone: a });
    expect(ab.merged).toEqual(ba.merged);
    expect(ab.conflicts).toHaveLength(1);
    expect(ab.conflicts[0]?.lost).toEqual(ba.conflicts[0]?.lost);
  });

  it('takes a field the local side has never held', () => {
    const name = state('张三', registered, null);
    expect(mergeDemographics({}, { name })).toEqual({ merged: { name }, changed: ['name'], conflicts: [] });
  });

  it('is commutative, associative and idempotent in what it keeps', () => {
    const fields: DemographicField[] = ['name', 'phone', 'village'];
    const arbState = fc
      .array(
        fc.record({
          field: fc.constantFrom(...fields),
          wall: fc.integer({ min: 0, max: 5 }),
          node: fc.constantFrom('a', 'b', 'hub'),
          value: fc.constantFrom('x', 'y', 'z'),
        }),
        { maxLength: 3 },
      )
      .map((entries) => {
        const s: DemographicState = {};
        for (const e of entries)
          s[e.field] = state(`${e.value}-${e.wall}-${e.node}`, hlc(T0 + e.wall, 0, e.node), null, e.node);
        return s;
      });
    const join = (x: DemographicState, y: DemographicState) => mergeDemographics(x, y).merged;
    const same = (x: DemographicState, y: DemographicState) => expect(canonicalJson(x)).toBe(canonicalJson(y));
    fc.assert(
      fc.property(arbState, arbState, arbState, (a, b, c) => {
        same(join(a, b), join(b, a));
        same(join(join(a, b), c), join(a, join(b, c)));
        same(join(a, a), a);
        same(join(join(a, b), b), join(a, b));
      }),
    );
  });
});

/**
 * Convergence: three replicas (two stations and the hub, say) edit one patient's fields with
 * their own clocks (each a few seconds off), and send each other their states in any order,
 * some twice. Once everyone has everyone's state, all hold the same values and clocks, and
 * every value that lost without having been edited over directly is in some conflict log.
 */
describe('three replicas exchanging states', () => {
  const FIELDS: DemographicField[] = ['name', 'phone', 'address'];
  const NODES = ['station-a', 'hub', 'station-b'] as const;

  type Op =
    | { kind: 'edit'; at: number; fields: DemographicField[] }
    | { kind: 'send'; from: number; to: number }
    | { kind: 'deliver'; to: number; pick: number; keep: boolean }
    | { kind: 'wait'; ms: number };

  const arbOp: fc.Arbitrary<Op> = fc.oneof(
    fc.record({
      kind: fc.constant('edit' as const),
      at: fc.integer({ min: 0, max: 2 }),
      fields: fc.subarray(FIELDS, { minLength: 1 }),
    }),
    fc.record({
      kind: fc.constant('send' as const),
      from: fc.integer({ min: 0, max: 2 }),
      to: fc.integer({ min: 0, max: 2 }),
    }),
    fc.record({
      kind: fc.constant('deliver' as const),
      to: fc.integer({ min: 0, max: 2 }),
      pick: fc.nat(),
      keep: fc.boolean(),
    }),
    fc.record({ kind: fc.constant('wait' as const), ms: fc.integer({ min: 0, max: 3_000 }) }),
  );

  it('converge, and log every value overwritten by a concurrent edit', () => {
    fc.assert(
      fc.property(
        fc.array(arbOp, { maxLength: 80 }),
        fc.tuple(
          fc.integer({ min: -5_000, max: 5_000 }),
          fc.integer({ min: -5_000, max: 5_000 }),
          fc.integer({ min: -5_000, max: 5_000 }),
        ),
        (ops, skews) => {
          let now = T0 + 60_000;
          const patientId = '0195a3c0-0000-7000-8000-000000000001';
          const registration = registrationStamp(patientId, 'station-a');
          const writes: (FieldState & { field: DemographicField })[] = [];
          let serial = 0;
          const initial: DemographicState = {};
          for (const field of FIELDS) {
            initial[field] = { ...registration, value: `${field}-registered` };
            writes.push({ ...(initial[field] as FieldState), field });
          }
          const replicas = NODES.map((node, i) => ({
            node,
            clock: new HybridClock(node, null, () => now + (skews[i] as number)),
            state: { ...initial } as DemographicState,
            inbox: [] as DemographicState[],
            log: [] as MergeConflict[],
          }));
          const receive = (r: (typeof replicas)[number], incoming: DemographicState) => {
            const clocks = Object.values(incoming).map((s) => s.hlc);
            if (clocks.length > 0) writeStamp(r.clock, clocks, []);
            const { merged, conflicts } = mergeDemographics(r.state, incoming);
            r.state = merged;
            r.log.push(...conflicts);
          };
          for (const op of ops) {
            if (op.kind === 'wait') now += op.ms;
            else if (op.kind === 'send') replicas[op.to]?.inbox.push({ ...replicas[op.from]?.state });
            else if (op.kind === 'deliver') {
              const r = replicas[op.to]!;
              if (r.inbox.length === 0) continue;
              const index = op.pick % r.inbox.length;
              const message = r.inbox[index]!;
              if (!op.keep) r.inbox.splice(index, 1);
              receive(r, message);
            } else {
              const r = replicas[op.at]!;
              const current = r.state as Record<DemographicField, FieldState>;
              const stamp = writeStamp(
                r.clock,
                Object.values(current).map((s) => s.hlc),
                op.fields.map((f) => current[f].hlc),
              );
              for (const field of op.fields) {
                const written = {
                  value: `${field}-${++serial}`,
                  hlc: stamp,
                  prev: current[field].hlc,
                  origin: r.node,
                  by: r.node,
                };
                r.state = { ...r.state, [field]: written };
                writes.push({ ...written, field });
              }
            }
          }
          // Everyone sends its state to everyone, then everything is delivered.
          const finalRound = replicas.map((r) => ({ ...r.state }));
          for (const r of replicas) {
            for (const message of r.inbox) receive(r, message);
            for (const snapshot of finalRound) receive(r, snapshot);
          }

          const [first, ...others] = replicas.map((r) => canonicalJson(r.state));
          for (const other of others) expect(other).toBe(first);
          const final = replicas[0]!.state;
          const logged = new Set(replicas.flatMap((r) => r.log.map((c) => `${c.field}/${c.lost.hlc}`)));
          const replaced = new Set(writes.filter((w) => w.prev !== null).map((w) => `${w.field}/${w.prev}`));
          for (const w of writes) {
            const key = `${w.field}/${w.hlc}`;
            if (final[w.field]?.hlc === w.hlc || replaced.has(key)) continue;
            expect(logged.has(key), `${key} lost without a trace`).toBe(true);
          }
          for (const c of replicas.flatMap((r) => r.log)) expect(c.kept.hlc > c.lost.hlc).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});
