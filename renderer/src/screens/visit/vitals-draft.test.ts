import { describe, expect, it } from 'vitest';
import { emptyVitals, vitalsInputOf } from './vitals-draft.js';

describe('vitalsInputOf', () => {
  it('turns typed text into the exact numbers, a comma read as a decimal point', () => {
    expect(vitalsInputOf({ ...emptyVitals(), systolic: '165', diastolic: '95', temperature: '36,85' })).toEqual({
      ok: true,
      input: { systolic: 165, diastolic: 95, temperature: 36.85 },
    });
  });

  it('sends the glucose unit and timing only with a glucose value', () => {
    const draft = {
      ...emptyVitals(),
      glucose: '7.2',
      glucoseUnit: 'mmol/L' as const,
      glucoseContext: 'fasting' as const,
    };
    expect(vitalsInputOf(draft)).toEqual({
      ok: true,
      input: { glucose: 7.2, glucoseUnit: 'mmol/L', glucoseContext: 'fasting' },
    });
  });

  it('points at each field that is not a number', () => {
    const result = vitalsInputOf({ ...emptyVitals(), heartRate: '7O', weight: '-3' });
    expect(result.ok ? [] : result.issues.map((i) => i.path[0])).toEqual(['heartRate', 'weight']);
  });
});
