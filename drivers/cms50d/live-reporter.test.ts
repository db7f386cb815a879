import { describe, expect, test } from 'vitest';
import type { DriverEvent } from '../core/events.js';
import { LiveReporter } from './live-reporter.js';
import type { LiveSample } from './live-reporter.js';

const ok = (pleth: number, extra: Partial<LiveSample> = {}): LiveSample => ({
  pleth,
  gapBefore: 0,
  condition: 'ok',
  spo2: 97,
  pulse: 72,
  ...extra,
});

function setup() {
  const events: DriverEvent[] = [];
  let now = Date.parse('2024-05-01T08:00:00Z');
  const reporter = new LiveReporter((e) => events.push(e), {
    sampleRate: 60,
    now: () => now,
    measurementIntervalMs: 1000,
  });
  return { events, reporter, advance: (ms: number) => (now += ms) };
}

describe('live reporter', () => {
  test('measures at most once a second, values exactly as sent', () => {
    const { events, reporter, advance } = setup();
    reporter.samples([ok(1), ok(2, { spo2: 96 })]);
    advance(999);
    reporter.samples([ok(3, { spo2: 95 })]);
    advance(1);
    reporter.samples([ok(4, { spo2: 94, pulse: 201 })]);
    const measured = events.flatMap((e) => (e.type === 'measurement' ? [[e.loinc, e.value, e.unit]] : []));
    expect(measured).toEqual([
      ['59408-5', 97, '%'],
      ['8867-4', 72, '/min'],
      ['59408-5', 94, '%'],
      ['8867-4', 201, '/min'],
    ]);
  });

  test('a lost packet is a gap in the sequence, never filled', () => {
    const { events, reporter } = setup();
    reporter.samples([ok(10), ok(11), ok(13, { gapBefore: 1 }), ok(14)]);
    expect(events.filter((e) => e.type === 'waveform' || e.type === 'gap')).toEqual([
      { type: 'waveform', channels: ['pleth'], sampleRate: 60, seq: 0, samples: [[10, 11]], unit: '1' },
      { type: 'gap', seq: 2, count: 1 },
      { type: 'waveform', channels: ['pleth'], sampleRate: 60, seq: 3, samples: [[13, 14]], unit: '1' },
    ]);
  });

  test('status on change only; probe error is also an error event; no reading is not measured', () => {
    const { events, reporter, advance } = setup();
    reporter.samples([ok(1), ok(1, { condition: 'finger_out' }), ok(1, { condition: 'finger_out' })]);
    advance(5000);
    reporter.samples([ok(1, { condition: 'probe_error' }), ok(1, { spo2: 127, pulse: 127 }), ok(1)]);
    expect(events.filter((e) => e.type === 'status' || e.type === 'error')).toEqual([
      { type: 'status', state: 'measuring' },
      { type: 'status', state: 'no-signal', reason: 'finger_out' },
      { type: 'status', state: 'no-signal', reason: 'probe_error' },
      { type: 'error', kind: 'device', code: 'oximeter.probe_error', message: 'the oximeter reports a probe error' },
      { type: 'status', state: 'no-signal', reason: 'no_reading' },
      { type: 'status', state: 'measuring' },
    ]);
    expect(events.filter((e) => e.type === 'measurement')).toHaveLength(4);
  });
});
