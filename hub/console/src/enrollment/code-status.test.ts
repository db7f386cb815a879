import { describe, expect, it } from 'vitest';
import { codeStatus } from './code-status.js';

describe('codeStatus', () => {
  const now = Date.parse('2025-06-01T12:00:00Z');
  it('tells unused, used and expired codes apart', () => {
    expect(codeStatus({ usedAt: null, expiresAt: '2025-06-01T13:00:00.000Z' }, now)).toBe('unused');
    expect(codeStatus({ usedAt: null, expiresAt: '2025-06-01T12:00:00.000Z' }, now)).toBe('expired');
    expect(codeStatus({ usedAt: '2025-05-30T00:00:00.000Z', expiresAt: '2025-05-31T00:00:00.000Z' }, now)).toBe('used');
  });
});
