import { describe, expect, it } from 'vitest';
import { draftOfSettings, validateSettings } from './settings-draft.js';

describe('device settings draft', () => {
  it('sends the assignments as typed, without surrounding spaces', () => {
    const draft = { source: 'real' as const, assignments: [{ key: 1, driver: 'contec-cms50d', path: ' COM3 ' }] };
    expect(validateSettings(draft)).toEqual({
      ok: true,
      settings: { source: 'real', assignments: [{ driver: 'contec-cms50d', path: 'COM3' }] },
    });
  });

  it('puts each problem on its row and field', () => {
    const result = validateSettings({
      source: 'real',
      assignments: [
        { key: 1, driver: '', path: '/dev/ttyS0' },
        { key: 2, driver: 'omron', path: '' },
        { key: 3, driver: 'tanita', path: '/dev/ttyS0' },
      ],
    });
    expect(result.ok ? [] : result.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['assignments.0.driver', 'text.required'],
      ['assignments.1.path', 'text.required'],
      ['assignments.2.path', 'devices.duplicate_port'],
    ]);
  });

  it('refuses what the contract refuses (a path too long)', () => {
    const result = validateSettings({ source: 'real', assignments: [{ key: 1, driver: 'x', path: 'p'.repeat(300) }] });
    expect(result.ok ? [] : result.issues.map((i) => [i.path.join('.'), i.code])).toEqual([
      ['assignments.0.path', 'too_big'],
    ]);
  });

  it('starts from the saved settings', () => {
    expect(draftOfSettings({ source: 'simulated', assignments: [{ driver: 'd', path: 'p' }] })).toEqual({
      source: 'simulated',
      assignments: [{ key: 1, driver: 'd', path: 'p' }],
    });
  });
});
