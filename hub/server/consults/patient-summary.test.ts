import { describe, expect, it } from 'vitest';
import { ageOn, ecgStrip, vitalReading } from './patient-summary.js';

const row = (body: unknown) => ({ record_id: 'r', version: 1, type: 'Observation', body });

describe('what the specialist sees of synced records', () => {
  it('reads an ECG strip lead by lead, exact steps times the factor, lost samples kept missing', () => {
    const strip = ecgStrip(
      row({
        id: '0190a4c2-0000-7000-8000-000000000001',
        status: 'final',
        code: { coding: [{ system: 'http://loinc.org', code: '11524-6' }] },
        effectivePeriod: { start: '2026-11-30T08:00:00.000Z' },
        component: [
          {
            code: { text: 'II' },
            valueSampledData: { origin: { code: 'uV' }, period: 2, factor: 0.5, data: '10 -3 E 7' },
          },
          {
            code: { text: 'V1' },
            valueSampledData: { origin: { code: 'uV' }, period: 2, factor: 0.5, data: 'E 1 2 3' },
          },
        ],
      }),
    );
    expect(strip).toEqual({
      observationId: '0190a4c2-0000-7000-8000-000000000001',
      recordedAt: '2026-11-30T08:00:00.000Z',
      sampleRate: 500,
      unit: 'uV',
      leads: [
        { name: 'II', samples: [5, -1.5, null, 3.5] },
        { name: 'V1', samples: [null, 0.5, 1, 1.5] },
      ],
    });
  });

  it('reads a blood-pressure panel as the station shows it, values untouched and flags kept', () => {
    const reading = vitalReading(
      row({
        id: 'bp',
        status: 'final',
        code: { coding: [{ system: 'http://loinc.org', code: '85354-9' }] },
        effectiveDateTime: '2026-11-30T08:00:00.000Z',
        encounter: { reference: 'Encounter/v1' },
        component: [
          { valueQuantity: { value: 168.5, unit: 'mmHg' }, interpretation: [{ coding: [{ code: 'H' }] }] },
          { valueQuantity: { value: 98, unit: 'mmHg' } },
        ],
      }),
    );
    expect(reading).toMatchObject({
      kind: 'bloodPressure',
      value: 168.5,
      value2: 98,
      unit: 'mmHg',
      interpretation: 'H',
      visitId: 'v1',
    });
    expect(
      vitalReading(
        row({
          id: 'x',
          status: 'entered-in-error',
          code: { coding: [{ system: 'http://loinc.org', code: '85354-9' }] },
        }),
      ),
    ).toBeNull();
  });

  it('counts age in whole years up to the birthday', () => {
    expect(ageOn('1958-12-01', new Date('2026-11-30T00:00:00Z'))).toBe(67);
    expect(ageOn('1958-11-30', new Date('2026-11-30T00:00:00Z'))).toBe(68);
    expect(ageOn('1958', new Date())).toBeNull();
  });
});
