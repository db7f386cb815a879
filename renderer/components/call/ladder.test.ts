import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TUNING, createLadder, estimateStale, headroomKbps, modeForEstimate } from './ladder.js';
import type { Ladder, LadderDecision, LinkSample } from './ladder.js';
import { MODES, TOP_MODE, needKbps, rank } from './modes.js';
import type { CallMode } from './modes.js';
import { simulatedLink } from './simulated-link.js';
import type { Capacity } from './simulated-link.js';

interface Tick {
  sample: LinkSample;
  decision: LadderDecision;
}

/** Runs a ladder on a simulated link for `seconds`, one sample a second. */
function drive(ladder: Ladder, capacity: Capacity, seconds: number, noise: () => number = () => 0): Tick[] {
  const link = simulatedLink(capacity, noise);
  return Array.from({ length: seconds }, () => {
    const sample = link.sample(ladder.mode());
    return { sample, decision: ladder.next(sample) };
  });
}

/** A seeded noise source in [-1, 1], so fast-check can shrink a failing run. */
function seededNoise(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return ((state >>> 0) / 0xffffffff) * 2 - 1;
  };
}

const modeAt = (ticks: Tick[], ms: number): CallMode => {
  const before = ticks.filter((t) => t.sample.at <= ms);
  return before[before.length - 1]?.decision.mode ?? TOP_MODE;
};
const firstAt = (ticks: Tick[], mode: CallMode, afterMs = 0) =>
  ticks.find((t) => t.sample.at > afterMs && t.decision.mode === mode)?.sample.at ?? Infinity;

const arbitrarySample = fc.record({
  gapMs: fc.integer({ min: 200, max: 3_000 }),
  availableOutgoingKbps: fc.option(fc.double({ min: 0, max: 5_000, noNaN: true }), { nil: null }),
  sentVideoKbps: fc.double({ min: 0, max: 600, noNaN: true }),
  sentAudioKbps: fc.double({ min: 0, max: 60, noNaN: true }),
  fractionLost: fc.option(
    fc.integer({ min: 0, max: 256 }).map((n) => n / 256),
    { nil: null },
  ),
  rttMs: fc.option(fc.double({ min: 0, max: 2_000, noNaN: true }), { nil: null }),
  qualityLimitation: fc.constantFrom('bandwidth', 'cpu', 'none', 'other', null),
});
const samples = fc.array(arbitrarySample, { maxLength: 200 }).map((list) => {
  let at = 0;
  return list.map(({ gapMs, ...rest }): LinkSample => ({ ...rest, at: (at += gapMs) }));
});

const limitThenLift =
  (limitFromMs: number, liftAtMs: number, limitKbps: number): Capacity =>
  (at) =>
    at >= limitFromMs && at < liftAtMs ? limitKbps : Infinity;

describe('the quality ladder', () => {
  it('stays at the top of an unlimited link', () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const ladder = createLadder();
        drive(ladder, () => Infinity, 120, seededNoise(seed));
        expect(ladder.history()).toEqual([]);
      }),
      { numRuns: 30 },
    );
  });

  it('reaches audio within 15 s of a sustained 100 kbit/s cap, from any starting mode', () => {
    fc.assert(
      fc.property(fc.integer(), fc.constantFrom(...MODES), fc.integer({ min: 80, max: 120 }), (seed, start, cap) => {
        const ladder = createLadder(start);
        const ticks = drive(ladder, limitThenLift(30_000, Infinity, cap), 90, seededNoise(seed));
        expect(firstAt(ticks, 'audio', 30_000)).toBeLessThanOrEqual(45_000);
        // It comes back to probe, but never stays out of audio under the cap.
        const lastTick = ticks[ticks.length - 1]!;
        expect(['audio', 'v180p8']).toContain(lastTick.decision.mode);
      }),
      { numRuns: 40 },
    );
  });

  it('climbs back to the top within 40 s of the cap being lifted, however long it lasted', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 20, max: 200 }), (seed, capSeconds) => {
        const liftAt = 30_000 + capSeconds * 1000;
        const ladder = createLadder();
        const ticks = drive(ladder, limitThenLift(30_000, liftAt, 100), 30 + capSeconds + 60, seededNoise(seed));
        expect(firstAt(ticks, 'audio', 30_000)).toBeLessThan(liftAt);
        expect(firstAt(ticks, TOP_MODE, liftAt) - liftAt).toBeLessThanOrEqual(40_000);
        expect(modeAt(ticks, liftAt + 60_000)).toBe(TOP_MODE);
      }),
      { numRuns: 40 },
    );
  });

  it('settles under a steady cap: after the first minute a level that failed is probed every 20 s at most', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 60, max: 1_500 }), (seed, cap) => {
        const ladder = createLadder();
        drive(ladder, () => cap, 240, seededNoise(seed));
        const steps = ladder.history();
        const late = steps.filter((s) => s.at > 60_000);
        const ups = late.filter((s) => rank(s.to) < rank(s.from));
        expect(ups.length).toBeLessThanOrEqual(18);
        for (const level of MODES) {
          const failedAt = steps
            .filter((s, i) => s.at > 60_000 && s.from === level && steps[i + 1]?.reason === 'probe-failed')
            .map((s) => s.at);
          for (let i = 1; i < failedAt.length; i++)
            expect(failedAt[i]! - failedAt[i - 1]!).toBeGreaterThanOrEqual(20_000);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('moves one way only on a link that reports the same thing every second, apart from probes that fail', () => {
    fc.assert(
      fc.property(arbitrarySample, fc.constantFrom(...MODES), (sample, start) => {
        const ladder = createLadder(start);
        for (let i = 1; i <= 120; i++) ladder.next({ ...sample, at: i * 1000 });
        const steps = ladder.history();
        const failed = (i: number) => steps[i + 1]?.reason === 'probe-failed';
        // A probe still inside its window when the run ends has not been judged yet.
        const open = (s: { at: number; reason: string }) =>
          s.reason === 'probe' && s.at > 120_000 - 2 * DEFAULT_TUNING.probeWindowMs;
        const ranks = steps
          .filter((s, i) => s.reason !== 'probe-failed' && !failed(i) && !open(s))
          .map((s) => rank(s.to) - rank(s.from));
        expect(ranks.every((r) => r > 0) || ranks.every((r) => r < 0)).toBe(true);
        // Failed probes from one level come no closer together.
        for (const level of MODES) {
          const probes = steps.filter((s, i) => s.from === level && failed(i)).map((s) => s.at);
          const gaps = probes.slice(1).map((at, i) => at - probes[i]!);
          gaps.slice(1).forEach((gap, i) => expect(gap).toBeGreaterThanOrEqual(gaps[i]!));
        }
      }),
    );
  });

  it('never steps up on a sample with high loss, a CPU limit, or a live estimate short of the current mode', () => {
    fc.assert(
      fc.property(samples, fc.constantFrom(...MODES), (list, start) => {
        const ladder = createLadder(start);
        for (const sample of list) {
          const from = ladder.mode();
          const { mode } = ladder.next(sample);
          if (rank(mode) >= rank(from)) continue;
          expect(sample.fractionLost ?? 0).toBeLessThanOrEqual(DEFAULT_TUNING.lossUp);
          expect(rank(from) - rank(mode)).toBe(1);
          if (from === 'audio') continue;
          expect(sample.qualityLimitation).not.toBe('cpu');
          // A stale estimate (the sender does not fill it) says nothing: loss alone judges then.
          if (!estimateStale(sample, from)) expect(sample.availableOutgoingKbps).toBeGreaterThanOrEqual(needKbps(from));
          if (ladder.history().at(-1)!.reason === 'headroom')
            expect(sample.availableOutgoingKbps).toBeGreaterThanOrEqual(headroomKbps(from));
        }
      }),
    );
  });

  it('records every move, and only moves, in its history', () => {
    fc.assert(
      fc.property(samples, fc.constantFrom(...MODES), (list, start) => {
        const ladder = createLadder(start);
        let mode = start;
        let moves = 0;
        for (const sample of list) {
          const decision = ladder.next(sample);
          expect(decision.changed).toBe(decision.mode !== mode);
          if (decision.changed) {
            moves++;
            expect(ladder.history().at(-1)).toEqual({
              at: sample.at,
              from: mode,
              to: decision.mode,
              reason: decision.reason,
            });
          }
          mode = decision.mode;
        }
        expect(ladder.history()).toHaveLength(moves);
      }),
    );
  });

  it('steps down only after two bad samples in a row, once the start-up guess has passed', () => {
    const ladder = createLadder();
    const good: LinkSample = {
      at: 0,
      availableOutgoingKbps: 2_000,
      sentVideoKbps: 450,
      sentAudioKbps: 32,
      fractionLost: 0,
      rttMs: 30,
      qualityLimitation: 'none',
    };
    const lossy = { ...good, fractionLost: 0.2 };
    // Chromium's first estimate is a guess: low ones in the first seconds are not held against the link.
    for (let at = 0; at < 5000; at += 1000) ladder.next({ ...good, availableOutgoingKbps: 100, at });
    expect(ladder.mode()).toBe('v360p15');
    expect(ladder.next({ ...lossy, at: 11_000 }).changed).toBe(false);
    expect(ladder.next({ ...good, at: 12_000 }).changed).toBe(false);
    expect(ladder.next({ ...lossy, at: 13_000 }).changed).toBe(false);
    expect(ladder.next({ ...lossy, at: 14_000 })).toEqual({ mode: 'v270p15', changed: true, reason: 'loss' });
    // The sender fills a low estimate: it is the link's, not a stale one.
    const thin = { ...good, availableOutgoingKbps: 120, sentVideoKbps: 80, qualityLimitation: 'bandwidth' as const };
    expect(ladder.next({ ...thin, at: 15_000 }).changed).toBe(false);
    expect(ladder.next({ ...thin, at: 16_000 })).toEqual({
      mode: 'audio',
      changed: true,
      reason: 'estimate-below-floor',
    });
  });

  it('probes from audio after a hold that doubles with each failure, up to 20 s, and resets on success', () => {
    const ladder = createLadder('audio');
    // Each probe's sender fills the thin estimate, so the estimate is the link's and fails it.
    const quiet: LinkSample = {
      at: 0,
      availableOutgoingKbps: 90,
      sentVideoKbps: 50,
      sentAudioKbps: 32,
      fractionLost: 0,
      rttMs: 30,
      qualityLimitation: 'bandwidth',
    };
    for (let at = 1000; at <= 150_000; at += 1000) ladder.next({ ...quiet, at });
    const probes = ladder.history().filter((s) => s.reason === 'probe');
    const gaps = probes.slice(1).map((p, i) => p.at - probes[i]!.at);
    expect(ladder.history().filter((s) => s.reason === 'probe-failed').length).toBeGreaterThanOrEqual(
      probes.length - 1,
    );
    expect(gaps.slice(0, 4)).toEqual(gaps.slice(0, 4).sort((a, b) => a - b));
    expect(Math.max(...gaps)).toBeLessThanOrEqual(DEFAULT_TUNING.maxHoldMs + DEFAULT_TUNING.probeWindowMs);
    expect(gaps.at(-1)! - gaps[0]!).toBeGreaterThanOrEqual(10_000);
    // The link frees up: the next probe holds and the climb continues with the short hold.
    const open = { ...quiet, availableOutgoingKbps: 3_000, sentVideoKbps: 120, qualityLimitation: 'none' as const };
    let at = 151_000;
    while (ladder.mode() !== TOP_MODE && at < 260_000) ladder.next({ ...open, at: (at += 1000) });
    expect(ladder.mode()).toBe(TOP_MODE);
    expect(at - 151_000).toBeLessThanOrEqual(DEFAULT_TUNING.maxHoldMs + 4 * DEFAULT_TUNING.holdMs + 4_000);
  });

  it('maps an estimate to the highest mode it carries', () => {
    expect(modeForEstimate(needKbps('v360p15'))).toBe('v360p15');
    expect(modeForEstimate(needKbps('v360p15') - 1)).toBe('v270p15');
    expect(modeForEstimate(needKbps('v180p8') - 1)).toBe('v180p8');
    expect(modeForEstimate(149.9)).toBe('audio');
  });
});
