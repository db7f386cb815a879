import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fitWithin, PHOTO_MAX_SIDE } from './photo-file.js';

describe('consult photo size', () => {
  it('keeps the longer side within the limit, keeps the shape, and never enlarges', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8000 }), fc.integer({ min: 1, max: 8000 }), (w, h) => {
        const fit = fitWithin(w, h);
        expect(Math.max(fit.width, fit.height)).toBeLessThanOrEqual(Math.max(PHOTO_MAX_SIDE, 1));
        expect(fit.width).toBeLessThanOrEqual(w);
        expect(fit.height).toBeLessThanOrEqual(h);
        if (Math.max(w, h) <= PHOTO_MAX_SIDE) expect(fit).toEqual({ width: w, height: h });
        else
          expect(Math.abs(fit.width / fit.height - w / h)).toBeLessThan(
            Math.max(1 / fit.height, 1 / fit.width) * (w / h + 1),
          );
      }),
    );
  });
});
