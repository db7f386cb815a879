import { describe, expect, it } from 'vitest';
import { consult } from '../consult-fixtures.js';
import {
  acknowledgeAll,
  isRinging,
  NO_ALERTS,
  shownAlerts,
  withConsult,
  withJoined,
  withOpenConsults,
  withoutAlerts,
} from './alert-state.js';

const dr = { name: '王磊' };
const T1 = '2026-11-30T02:30:00.000Z';
const T2 = '2026-11-30T02:45:00.000Z';

describe('the specialist-ready alert', () => {
  it('rings when a consult turns calling, and stops when it leaves that state', () => {
    const c = consult({ state: 'accepted', specialist: dr });
    let s = withConsult(NO_ALERTS, c);
    expect(s).toBe(NO_ALERTS);
    s = withConsult(s, { ...c, state: 'calling', callingAt: T1 });
    expect(isRinging(s)).toBe(true);
    expect(shownAlerts(s)).toMatchObject([{ consultId: c.consultId, specialist: '王磊', acknowledged: false }]);
    s = withConsult(s, { ...c, state: 'in_call', callingAt: T1 });
    expect(isRinging(s)).toBe(false);
    expect(shownAlerts(s)).toEqual([]);
  });

  it('goes quiet when heard but keeps the banner, and rings again when the specialist asks again', () => {
    const c = consult({ state: 'calling', specialist: dr, callingAt: T1 });
    let s = acknowledgeAll(withConsult(NO_ALERTS, c));
    expect(isRinging(s)).toBe(false);
    expect(shownAlerts(s)).toHaveLength(1);
    // The same news told again (a reconnect replays it) does not ring.
    expect(withConsult(s, c)).toBe(s);
    s = withConsult(s, { ...c, callingAt: T2 });
    expect(isRinging(s)).toBe(true);
  });

  it('neither rings nor shows a banner for the call the doctor is already in', () => {
    const a = consult({ state: 'calling', specialist: dr, callingAt: T1 });
    const b = consult({ state: 'calling', specialist: { name: 'Li Na' }, callingAt: T1 });
    let s = withJoined(withConsult(NO_ALERTS, a), a.consultId);
    expect(isRinging(s)).toBe(false);
    expect(shownAlerts(s)).toEqual([]);
    s = withConsult(s, b);
    expect(isRinging(s)).toBe(true);
    expect(shownAlerts(s).map((x) => x.consultId)).toEqual([b.consultId]);
    expect(shownAlerts(withJoined(s, null))).toHaveLength(2);
  });

  it('adds calls already waiting at start, without undoing news heard meanwhile', () => {
    const waiting = consult({ state: 'calling', specialist: dr, callingAt: T1 });
    const heard = consult({ state: 'calling', specialist: dr, callingAt: T2 });
    const s0 = acknowledgeAll(withConsult(NO_ALERTS, heard));
    const s = withOpenConsults(s0, [{ ...heard, callingAt: T1 }, waiting, consult({ state: 'waiting' })]);
    expect(s.alerts.map((a) => [a.consultId, a.callingAt, a.acknowledged])).toEqual([
      [heard.consultId, T2, true],
      [waiting.consultId, T1, false],
    ]);
  });

  it('forgets every alert when the doctor signs out', () => {
    const s = withJoined(withConsult(NO_ALERTS, consult({ state: 'calling', callingAt: T1 })), 'x');
    expect(withoutAlerts(s)).toEqual({ alerts: [], joined: 'x' });
    expect(withoutAlerts(NO_ALERTS)).toBe(NO_ALERTS);
  });
});
