import { describe, expect, it } from 'vitest';
import { conflictColumns } from './conflict-columns.js';

describe('conflictColumns', () => {
  it('gives kept then lost, each as value JSON, clock, origin and author', () => {
    const kept = {
      value: { name: '王芳', phone: '13800000000' },
      hlc: '0000000001000:0000:s1',
      prev: null,
      origin: 's1',
      by: 'u1',
    };
    const lost = { value: undefined, hlc: '0000000000900:0000:s2', prev: null, origin: 'hub', by: null };
    expect(conflictColumns({ field: 'emergencyContact', kept, lost })).toEqual([
      '{"name":"王芳","phone":"13800000000"}',
      '0000000001000:0000:s1',
      's1',
      'u1',
      'null',
      '0000000000900:0000:s2',
      'hub',
      null,
    ]);
  });
});
