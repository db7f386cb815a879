import { describe, expect, test } from 'vitest';
import { isPulseReading, isSpo2Reading, storedMeasurements } from './readings.js';

describe('readings', () => {
  test('127 (and 255 for the 8-bit legacy pulse, and 0) are not readings; anything else passes as sent', () => {
    expect([0, 127, 100, 101, 50].map(isSpo2Reading)).toEqual([false, false, true, true, true]);
    expect([0, 127, 255, 30, 128, 254].map(isPulseReading)).toEqual([false, false, false, true, true, true]);
  });

  test('stored seconds without a device clock end at the download start', () => {
    const start = Date.parse('2024-05-01T08:00:10Z');
    const out = storedMeasurements(
      [
        { spo2: 97, pulse: 70 },
        { spo2: 0, pulse: 0 },
        { spo2: 95, pulse: 127 },
      ],
      start,
    );
    expect(out.map((m) => [m.time, m.unit, m.value, m.stored])).toEqual([
      ['2024-05-01T08:00:07.000Z', '%', 97, true],
      ['2024-05-01T08:00:07.000Z', '/min', 70, true],
      ['2024-05-01T08:00:09.000Z', '%', 95, true],
    ]);
    expect(out[0]?.context?.timeBasis).toMatch(/estimated/);
  });
});
