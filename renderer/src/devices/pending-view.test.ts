import { describe, expect, it } from 'vitest';
import { displayOrder, isConfirmable, pendingUnit, pendingValueText } from './pending-view.js';
import { reading } from './feed-fixtures.js';

describe('pending readings on screen', () => {
  it('shows every digit the device sent', () => {
    expect(pendingValueText(reading({ value: 36.85, unit: '°C', kind: 'temperature' }), 'zh-CN')).toBe('36.85');
    expect(pendingValueText(reading({ value: 97 }), 'en')).toBe('97');
  });

  it('shows a blood pressure as systolic/diastolic from its parts', () => {
    const bp = reading({
      kind: 'bloodPressure',
      value: 165,
      unit: 'mmHg',
      components: [
        { loinc: '8480-6', display: 'Systolic', value: 165, unit: 'mmHg', interpretation: 'H' },
        { loinc: '8462-4', display: 'Diastolic', value: 95.5, unit: 'mmHg', interpretation: 'H' },
      ],
    });
    expect(pendingValueText(bp, 'en')).toBe('165/95.5');
  });

  it('shows a refused value in the unit the device sent it in, and does not let it be confirmed', () => {
    const wrong = reading({
      kind: 'weight',
      value: 150,
      unit: 'kg',
      refusal: { code: 'devices.unit_mismatch', min: 0.5, max: 300, unit: '[lb_av]' },
    });
    expect(pendingUnit(wrong)).toBe('[lb_av]');
    expect(isConfirmable(wrong)).toBe(false);
    expect(pendingUnit(reading())).toBe('%');
    expect(isConfirmable(reading())).toBe(true);
  });

  it('keeps live values in a fixed place and lists stored readings newest first after them', () => {
    const pulse = reading({ kind: 'heartRate' });
    const spo2 = reading({ kind: 'spo2' });
    const old = reading({ stored: true, measuredAt: '2026-11-01T08:00:00.000Z' });
    const newer = reading({ stored: true, measuredAt: '2026-11-02T08:00:00.000Z' });
    expect(displayOrder([old, spo2, newer, pulse]).map((r) => r.id)).toEqual([pulse.id, spo2.id, newer.id, old.id]);
    expect(displayOrder([pulse, spo2]).map((r) => r.id)).toEqual(displayOrder([spo2, pulse]).map((r) => r.id));
  });
});
