import { describe, expect, it } from 'vitest';
import { TWELVE_LEADS, twelveLeads } from './leads.js';
import { microvoltsPerCount } from './protocol.js';

const lead = (values: number[], name: (typeof TWELVE_LEADS)[number]) => values[TWELVE_LEADS.indexOf(name)];

describe('12 leads from 8 channels', () => {
  it('derives III, aVR, aVL, aVF exactly on integer examples (scale 1)', () => {
    // I = 1000, II = 1500 (counts): III = 500, aVR = −1250, aVL = 250, aVF = 1000.
    const v = twelveLeads([1000, 1500, 1, 2, 3, 4, 5, 6], 1);
    expect(v).toEqual([1000, 1500, 500, -1250, 250, 1000, 1, 2, 3, 4, 5, 6]);
    // Odd sums give halves, which a double holds exactly: no rounding anywhere.
    expect(twelveLeads([3, -7, 0, 0, 0, 0, 0, 0], 1).slice(0, 6)).toEqual([3, -7, -10, 2, 6.5, -8.5]);
  });

  it('applies the scale once per lead, after the exact relation in counts', () => {
    const scale = microvoltsPerCount(24);
    const [i, ii] = [-8388608, 8388607];
    const v = twelveLeads([i, ii, 0, 0, 0, 0, 0, 0], scale);
    expect(lead(v, 'III')).toBe((ii - i) * scale);
    expect(lead(v, 'aVR')).toBe((-(i + ii) / 2) * scale);
    expect(lead(v, 'aVL')).toBe((i - ii / 2) * scale);
    expect(lead(v, 'aVF')).toBe((ii - i / 2) * scale);
    // Einthoven's and Goldberger's relations hold to the last bit a double can tell.
    const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
    expect(close(lead(v, 'III')!, lead(v, 'II')! - lead(v, 'I')!)).toBe(true);
    expect(close(lead(v, 'aVR')! + lead(v, 'aVL')! + lead(v, 'aVF')!, 0)).toBe(true);
  });

  it('names the leads in the standard order', () => {
    expect(TWELVE_LEADS).toEqual(['I', 'II', 'III', 'aVR', 'aVL', 'aVF', 'V1', 'V2', 'V3', 'V4', 'V5', 'V6']);
  });
});
