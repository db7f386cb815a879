import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeLiveFrame } from '../../../../contract/consults/live-frame.js';
import type { LiveFrame } from '../../../../contract/consults/live-frame-types.js';
import { LIVE_DELAYED_MS, LiveFeed, arrivalAgeMs, liveAgeKnown, liveAgeMs, liveDelayed } from './live-feed.js';

const reading = (measuredAt: number, sentAt: number): LiveFrame => ({
  type: 'reading',
  frameSeq: 0,
  sentAt,
  reading: {
    kind: 'spo2',
    loinc: '59408-5',
    value: 97,
    unit: '%',
    interpretation: null,
    measuredAt,
    device: 'CMS50D+',
  },
});

describe('live value age', () => {
  it('counts the time a value waited in the channel, whatever the clocks differ by', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e9, max: 1e9 }),
        fc.nat(120_000),
        fc.nat(120_000),
        fc.nat(60_000),
        (skew, held, transit, since) => {
          // The station's clock is `skew` ahead; the value was held, then spent `transit` in the channel.
          const measuredHere = 1e12;
          const feed = new LiveFeed();
          const frame = reading(measuredHere + skew, measuredHere + skew + held);
          const receivedAt = measuredHere + held + transit;
          feed.receive(encodeLiveFrame(frame), receivedAt, { offsetMs: skew, rttMs: 10 });
          const value = feed.values.get('spo2');
          if (!value) throw new Error('no value');
          expect(liveAgeKnown(value)).toBe(true);
          expect(liveAgeMs(value, receivedAt + since)).toBe(held + transit + since);
          expect(arrivalAgeMs(value)).toBe(held + transit);
          expect(liveDelayed(value)).toBe(held + transit > LIVE_DELAYED_MS);
        },
      ),
    );
  });

  it('shows a reading that sat 58 s in the channel as delayed, not as just measured', () => {
    const feed = new LiveFeed();
    feed.receive(encodeLiveFrame(reading(1_000_000, 1_000_100)), 1_058_100, { offsetMs: 0, rttMs: 40 });
    const value = feed.values.get('spo2');
    if (!value) throw new Error('no value');
    expect(liveAgeMs(value, 1_058_100)).toBe(58_100);
    expect(liveDelayed(value)).toBe(true);
  });

  it('without a clock estimate says the age is a lower bound', () => {
    const feed = new LiveFeed();
    feed.receive(encodeLiveFrame(reading(1_000_000, 1_000_100)), 5_000);
    const value = feed.values.get('spo2');
    if (!value) throw new Error('no value');
    expect(liveAgeKnown(value)).toBe(false);
    expect(liveAgeMs(value, 6_000)).toBe(1_100);
    expect(liveDelayed(value)).toBe(false);
  });
});
