// The ladder on the three behaviours `npm run bench:consult` found Chromium to show over a relay.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TUNING, createLadder } from './ladder.js';
import type { Ladder, LinkSample } from './ladder.js';
import { linkSample } from './link-stats.js';
import type { StatsEntry } from './link-stats.js';
import { TOP_MODE } from './modes.js';
import type { CallMode } from './modes.js';
import { simulatedLink } from './simulated-link.js';
import type { Capacity, LinkQuirks } from './simulated-link.js';

interface Tick {
  sample: LinkSample;
  mode: CallMode;
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

function drive(ladder: Ladder, capacity: Capacity, quirks: LinkQuirks, seconds: number, seed: number): Tick[] {
  const link = simulatedLink(capacity, seededNoise(seed), 0, quirks);
  return Array.from({ length: seconds }, () => {
    const sample = link.sample(ladder.mode());
    return { sample, mode: ladder.next(sample).mode };
  });
}

/** When video came back after `afterMs` to stay for at least 10 s, or Infinity. */
function videoBack(ticks: Tick[], afterMs: number): number {
  const later = ticks.filter((t) => t.sample.at > afterMs);
  const i = later.findIndex((t, j) => later.slice(j, j + 10).every((u) => u.mode !== 'audio'));
  return i < 0 || later.length - i < 10 ? Infinity : later[i]!.sample.at - afterMs;
}

/** The fake camera fills a third of each budget, and enabling video makes Chromium probe nothing. */
const FAKE_CAMERA: LinkQuirks = { contentShare: 0.34, probeOnModeUp: false, lossMemoryMs: 33_000 };

describe('the quality ladder on what the consult bench found', () => {
  it('brings video back within 25 s of a 100 kbit/s cap lifting while the estimate stays frozen', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 30, max: 120 }), (seed, capSeconds) => {
        const liftAt = 30_000 + capSeconds * 1000;
        const cap: Capacity = (at) => (at >= 30_000 && at < liftAt ? 100 : Infinity);
        const ticks = drive(createLadder(), cap, FAKE_CAMERA, 30 + capSeconds + 80, seed);
        expect(ticks.some((t) => t.sample.at > 30_000 && t.sample.at < liftAt && t.mode === 'audio')).toBe(true);
        expect(videoBack(ticks, liftAt)).toBeLessThanOrEqual(25_000);
        expect(ticks.find((t) => t.sample.at > liftAt && t.mode === TOP_MODE)).toBeDefined();
      }),
      { numRuns: 25 },
    );
  });

  it('rides out an outage on a free link without stepping down', () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.integer({ min: 10, max: 100 }),
        fc.integer({ min: 2, max: 10 }),
        (seed, from, len) => {
          const outage = (at: number) => at > from * 1000 && at <= (from + len) * 1000;
          const ladder = createLadder();
          const ticks = drive(ladder, () => Infinity, { outage }, 140, seed);
          expect(ticks.filter((t) => t.sample.stalled).length).toBe(len);
          expect(ladder.history()).toEqual([]);
        },
      ),
      { numRuns: 30 },
    );
  });

  it('does not stay on a lossy mode when the estimate overshoots a cap that drops the excess', () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.constantFrom(100, 150),
        fc.double({ min: 1.5, max: 1.9, noNaN: true }),
        (seed, cap, over) => {
          const ticks = drive(createLadder(), () => cap, { overshoot: over }, 240, seed);
          const late = ticks.filter((t) => t.sample.at > 60_000);
          const lossy = late.filter((t) => (t.sample.fractionLost ?? 0) > DEFAULT_TUNING.lossDown);
          expect(lossy.length / late.length).toBeLessThanOrEqual(0.15);
        },
      ),
      { numRuns: 30 },
    );
  });

  it('after a reconnect judges no estimate during the start grace and probes after the base hold', () => {
    const ladder = createLadder();
    // A long thin spell builds the holds up to their cap.
    const thin = drive(ladder, () => 100, {}, 200, 7);
    expect(thin.at(-1)!.mode).not.toBe(TOP_MODE);
    const at0 = thin.at(-1)!.sample.at;
    const open: LinkSample = {
      at: 0,
      availableOutgoingKbps: 3_000,
      sentVideoKbps: 120,
      sentAudioKbps: 32,
      fractionLost: 0,
      rttMs: 30,
      qualityLimitation: 'bandwidth',
    };
    ladder.resetAfterReconnect();
    const reset = ladder.mode();
    // Right after it the estimate is a guess again, as at the start of a call.
    for (let s = 1; s < 5; s++) ladder.next({ ...open, availableOutgoingKbps: 60, at: at0 + s * 1000 });
    expect(ladder.mode()).toBe(reset);
    let at = at0 + 5_000;
    while (ladder.mode() === reset && at < at0 + 60_000) ladder.next({ ...open, at: (at += 1000) });
    expect(at - at0).toBeLessThanOrEqual(DEFAULT_TUNING.startGraceMs + DEFAULT_TUNING.holdMs + 2_000);
  });

  it('counts loss soon after a probe passed as that probe failing, so the retry waits twice as long', () => {
    const ladder = createLadder('audio');
    // The estimate overshoots and shows no loss until the new mode has run a while.
    const calm: LinkSample = {
      at: 0,
      availableOutgoingKbps: 170,
      sentVideoKbps: 0,
      sentAudioKbps: 32,
      fractionLost: 0,
      rttMs: 40,
      qualityLimitation: 'none',
    };
    let at = 0;
    while (ladder.mode() === 'audio' && at < 30_000) ladder.next({ ...calm, at: (at += 1000) });
    const probedAt = at;
    expect(ladder.mode()).toBe('v180p8');
    // The sender fills the estimate, which keeps v180p8 but shows no room above it.
    const filled = { ...calm, sentVideoKbps: 130, qualityLimitation: 'bandwidth' as const };
    for (let s = 0; s < 7; s++) ladder.next({ ...filled, at: (at += 1000) });
    expect(ladder.mode()).toBe('v180p8');
    ladder.next({ ...filled, fractionLost: 0.4, at: (at += 1000) });
    expect(ladder.next({ ...filled, fractionLost: 0.4, at: (at += 1000) }).reason).toBe('probe-failed');
    expect(at - probedAt).toBeLessThan(DEFAULT_TUNING.lossMemoryMs);
    const failedAt = at;
    while (ladder.mode() === 'audio' && at < failedAt + 60_000) ladder.next({ ...calm, at: (at += 1000) });
    expect(at - failedAt).toBeGreaterThanOrEqual(2 * DEFAULT_TUNING.holdMs);
  });

  it('never moves on a sample in which nothing arrived', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 3_000, noNaN: true }), { maxLength: 60 }),
        fc.option(
          fc.integer({ min: 0, max: 256 }).map((n) => n / 256),
          { nil: null },
        ),
        (estimates, fractionLost) => {
          const ladder = createLadder();
          estimates.forEach((est, i) =>
            ladder.next({
              at: (i + 10) * 1000,
              availableOutgoingKbps: est,
              sentVideoKbps: est,
              sentAudioKbps: 32,
              fractionLost,
              rttMs: null,
              qualityLimitation: 'bandwidth',
              stalled: true,
            }),
          );
          expect(ladder.history()).toEqual([]);
        },
      ),
    );
  });
});

describe('linkSample on an outage', () => {
  const report = (t: number, bytesReceived: number): StatsEntry[] => [
    { id: 'T01', type: 'transport', timestamp: t, selectedCandidatePairId: 'CP1' },
    { id: 'CP1', type: 'candidate-pair', timestamp: t, state: 'succeeded', nominated: true, bytesReceived },
  ];

  it('flags an interval in which the selected pair received nothing, and only that', () => {
    fc.assert(
      fc.property(fc.nat(1e9), fc.nat(1e6), (bytes, more) => {
        const stalled = linkSample(report(0, bytes), report(1000, bytes + more), 1000).stalled ?? false;
        expect(stalled).toBe(more === 0);
      }),
    );
    expect(linkSample(null, report(1000, 5), 1000).stalled).toBeUndefined();
  });
});
