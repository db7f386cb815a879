import { describe, expect, it } from 'vitest';
import { QuietClock } from './quiet-clock.js';
import { SampleSequencer } from './sequence.js';

/** Feeds counters one packet period apart (or as given) and returns the placements. */
function run(rate: number, steps: { counter: number; quietMs?: number }[]) {
  const s = new SampleSequencer(rate);
  let t = 1_000;
  return steps.map(({ counter, quietMs = 1000 / rate }) => {
    t += quietMs;
    return s.place(counter, t, quietMs);
  });
}

describe('sample index from the wrapping counter', () => {
  it('runs on through a wrap', () => {
    const placed = run(
      250,
      [254, 255, 0, 1].map((counter) => ({ counter })),
    );
    expect(placed).toEqual([0, 1, 2, 3].map((seq) => ({ kind: 'sample', seq, lost: 0, fromTiming: false })));
  });

  it('reports packets lost across a wrap at the right index', () => {
    // 250–253 arrive, 254, 255, 0, 1, 2, 3 are lost, 4 arrives after 7 packet periods.
    const placed = run(250, [
      { counter: 250 },
      { counter: 251 },
      { counter: 252 },
      { counter: 253 },
      { counter: 4, quietMs: 28 },
    ]);
    expect(placed[4]).toEqual({ kind: 'sample', seq: 10, lost: 6, fromTiming: false });
  });

  it('tells 300 lost packets from 44 by the quiet time (the counter alone cannot)', () => {
    const placed = run(250, [{ counter: 10 }, { counter: (10 + 301) & 0xff, quietMs: 301 * 4 }]);
    expect(placed[1]).toEqual({ kind: 'sample', seq: 301, lost: 300, fromTiming: true });
  });

  it('sees exactly 256 lost, which the counter shows as no loss at all', () => {
    const placed = run(500, [{ counter: 7 }, { counter: 8, quietMs: 257 * 2 }]);
    expect(placed[1]).toEqual({ kind: 'sample', seq: 257, lost: 256, fromTiming: true });
  });

  it('does not take a host stall for lost packets: the counter rules when the link was not quiet', () => {
    // The packets arrive 2 s late, but the quiet clock saw the stall and reports no quiet time.
    const s = new SampleSequencer(250);
    expect(s.place(0, 1_000, 0)).toMatchObject({ seq: 0 });
    expect(s.place(1, 3_000, 4)).toEqual({ kind: 'sample', seq: 1, lost: 0, fromTiming: false });
    expect(s.place(2, 3_000, 0)).toEqual({ kind: 'sample', seq: 2, lost: 0, fromTiming: false });
  });

  it('refuses a counter that jumps further than time allows (a corrupted counter byte)', () => {
    const s = new SampleSequencer(250);
    for (let i = 0; i < 50; i++) s.place(i, 1_000 + i * 4, 4);
    expect(s.place(50 + 100, 1_000 + 50 * 4, 4)).toEqual({ kind: 'implausible', counter: 150, lost: 100 });
    // The stream goes on from the last trusted packet: one packet missing, honestly.
    expect(s.place(51, 1_000 + 51 * 4, 8)).toEqual({ kind: 'sample', seq: 51, lost: 1, fromTiming: false });
  });
});

describe('quiet clock', () => {
  it('counts silence while the host is awake and leaves out a stall', () => {
    let now = 0;
    const clock = new QuietClock(() => now, 40);
    clock.reset();
    for (let t = 40; t <= 400; t += 40) {
      now = t;
      clock.tick();
    }
    expect(clock.arrival().quietMs).toBe(400);
    // The event loop freezes for 2 s; the first thing to run after it is the data callback.
    now += 2_000;
    expect(clock.arrival().quietMs).toBeLessThanOrEqual(40);
    now += 4;
    expect(clock.arrival().quietMs).toBe(4);
  });
});
