import { describe, expect, it } from 'vitest';
import { acknowledged, keepWaiting, NO_RINGS, ringArrived, toneOf } from './ring-state.js';

const A = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a01';
const B = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a02';
const C = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a03';

describe('ring state', () => {
  it('starts the tone on the first ring, and not again for a routine one while ringing', () => {
    const one = ringArrived(NO_RINGS, { consultId: A, urgency: 'routine', at: 1 });
    expect(one.alarms).toBe(1);
    expect(toneOf(one)).toBe('plain');
    const two = ringArrived(one, { consultId: B, urgency: 'urgent', at: 2 });
    expect(two.alarms).toBe(1);
    expect(two.rings.map((r) => r.consultId)).toEqual([B, A]);
  });

  it('rings an emergency even over another ring, first in the banner, with the emergency tone', () => {
    const ringing = ringArrived(NO_RINGS, { consultId: A, urgency: 'routine', at: 1 });
    const both = ringArrived(ringing, { consultId: B, urgency: 'emergency', at: 2 });
    expect(both.alarms).toBe(2);
    expect(both.rings[0]?.consultId).toBe(B);
    expect(toneOf(both)).toBe('emergency');
    const another = ringArrived(both, { consultId: C, urgency: 'emergency', at: 3 });
    expect(another.alarms).toBe(3);
    expect(another.rings.map((r) => r.consultId)).toEqual([B, C, A]);
  });

  it('ignores a repeated ring unless the consult became more urgent', () => {
    const one = ringArrived(NO_RINGS, { consultId: A, urgency: 'urgent', at: 1 });
    expect(ringArrived(one, { consultId: A, urgency: 'urgent', at: 5 })).toBe(one);
    expect(ringArrived(one, { consultId: A, urgency: 'routine', at: 5 })).toBe(one);
    const raised = ringArrived(one, { consultId: A, urgency: 'emergency', at: 5 });
    expect(raised.rings).toEqual([{ consultId: A, urgency: 'emergency', at: 1 }]);
    expect(raised.alarms).toBe(2);
  });

  it('falls silent when acknowledged, and drops consults that stopped waiting', () => {
    let state = ringArrived(NO_RINGS, { consultId: A, urgency: 'routine', at: 1 });
    state = ringArrived(state, { consultId: B, urgency: 'emergency', at: 2 });
    const taken = keepWaiting(state, new Set([A]), 10);
    expect(taken.rings.map((r) => r.consultId)).toEqual([A]);
    expect(toneOf(taken)).toBe('plain');
    expect(keepWaiting(taken, new Set([A]), 10)).toBe(taken);
    // A queue loaded before the ring came cannot know its consult yet.
    expect(keepWaiting(state, new Set(), 1.5).rings.map((r) => r.consultId)).toEqual([B]);
    expect(toneOf(acknowledged(state))).toBeNull();
    expect(acknowledged(state).rings).toEqual([]);
  });
});
