import { describe, expect, it } from 'vitest';
import type { QueueEntry } from '../../../server/consults/console-wire.js';
import { queueSections, urgencyTone, waitingText, widenedFrom } from './queue-view.js';

function entry(n: number, over: Partial<QueueEntry> = {}): QueueEntry {
  return {
    consultId: `0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a${String(n).padStart(2, '0')}`,
    stationName: 'Dawa',
    patient: { name: null, sex: 'female', ageYears: 67 },
    specialty: 'cardiology',
    routedSpecialty: 'cardiology',
    urgency: 'routine',
    question: 'q',
    state: 'waiting',
    requestedAt: '2025-06-01T12:00:00.000Z',
    widenedAt: null,
    acceptedBy: null,
    mine: false,
    ...over,
  };
}

describe('queue view', () => {
  it('puts her own consults first and keeps the hub order within each section', () => {
    const served = [entry(1), entry(2, { mine: true }), entry(3), entry(4, { mine: true })];
    const { mine, open } = queueSections(served);
    expect(mine.map((e) => e.consultId)).toEqual([served[1]!.consultId, served[3]!.consultId]);
    expect(open.map((e) => e.consultId)).toEqual([served[0]!.consultId, served[2]!.consultId]);
  });

  it('says which specialty a widened consult came from, and nothing otherwise', () => {
    const widened = { specialty: 'neurology', routedSpecialty: 'general', widenedAt: '2025-06-01T12:05:00Z' } as const;
    expect(widenedFrom(widened)).toBe('neurology');
    expect(widenedFrom({ ...widened, widenedAt: null })).toBeNull();
    expect(
      widenedFrom({ specialty: 'general', routedSpecialty: 'general', widenedAt: '2025-06-01T12:05:00Z' }),
    ).toBeNull();
  });

  it('writes waiting times in the two largest units', () => {
    const at = '2025-06-01T12:00:00.000Z';
    const t0 = Date.parse(at);
    expect(waitingText(at, t0 + 42_900)).toEqual({ key: 'seconds', s: 42 });
    expect(waitingText(at, t0 + 60_000)).toEqual({ key: 'minutes', m: 1, s: 0 });
    expect(waitingText(at, t0 + (59 * 60 + 59) * 1000)).toEqual({ key: 'minutes', m: 59, s: 59 });
    expect(waitingText(at, t0 + (2 * 3600 + 5 * 60 + 30) * 1000)).toEqual({ key: 'hours', h: 2, m: 5 });
    expect(waitingText(at, t0 + (3 * 86400 + 4 * 3600) * 1000)).toEqual({ key: 'days', d: 3, h: 4 });
  });

  it('reads a request stamped ahead of this clock as just arrived', () => {
    expect(waitingText('2025-06-01T12:00:10.000Z', Date.parse('2025-06-01T12:00:00.000Z'))).toEqual({
      key: 'seconds',
      s: 0,
    });
  });

  it('shows an emergency in red', () => {
    expect(urgencyTone('emergency')).toBe('danger');
    expect(urgencyTone('urgent')).toBe('warning');
    expect(urgencyTone('routine')).toBe('plain');
  });
});
