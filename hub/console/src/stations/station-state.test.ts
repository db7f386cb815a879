import { describe, expect, it } from 'vitest';
import { stationState } from './station-state.js';

describe('stationState', () => {
  const at = '2025-01-01T00:00:00.000Z';
  it('tells enrolled, revoked and never-enrolled stations apart', () => {
    expect(stationState({ enrolledAt: at, revokedAt: null })).toBe('enrolled');
    expect(stationState({ enrolledAt: at, revokedAt: at })).toBe('revoked');
    expect(stationState({ enrolledAt: null, revokedAt: at })).toBe('revoked');
    expect(stationState({ enrolledAt: null, revokedAt: null })).toBe('unenrolled');
  });
});
