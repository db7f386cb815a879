import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Specialty, Urgency } from '../../../contract/consults/consult.js';
import { createSpecialtyRouter } from './routing.js';

const router = createSpecialtyRouter({ widenAfterMs: 60_000 });
const at = new Date('2026-11-30T08:00:00Z');
const consult = (specialty: Specialty, widenedAt: Date | null = null) => ({
  specialty,
  routedSpecialty: widenedAt ? ('general' as const) : specialty,
  urgency: 'routine' as const,
  requestedAt: at,
  widenedAt,
});

describe('the specialty router', () => {
  it('sends a consult to its specialty, and to general medicine too once widened', () => {
    expect(router.audience(consult('cardiology'))).toEqual(['cardiology']);
    expect(router.audience(consult('cardiology', new Date(at.getTime() + 60_000)))).toEqual(['cardiology', 'general']);
  });

  it('widens to general medicine exactly once, only after the wait, never a general consult', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...Specialty.options),
        fc.constantFrom(...Urgency.options),
        fc.nat(300_000),
        (s, u, waited) => {
          const now = new Date(at.getTime() + waited);
          const to = router.widenTo({ ...consult(s), urgency: u }, now);
          expect(to).toBe(s !== 'general' && waited >= 60_000 ? 'general' : null);
          expect(router.widenTo({ ...consult(s, now), urgency: u }, new Date(now.getTime() + 300_000))).toBeNull();
        },
      ),
    );
  });
});
