import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodingFor } from './encodings.js';
import { MODES, videoProfile } from './modes.js';

describe('encodingFor', () => {
  it('fits any camera inside the mode, never scaling up, at the mode’s rate and bitrate', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...MODES.filter((m) => m !== 'audio')),
        fc.integer({ min: 16, max: 3840 }),
        fc.integer({ min: 16, max: 2160 }),
        (mode, width, height) => {
          const profile = videoProfile(mode)!;
          const plan = encodingFor(mode, { width, height });
          expect(plan).toMatchObject({ active: true, maxBitrate: profile.kbps * 1000, maxFramerate: profile.fps });
          const scale = plan.scaleResolutionDownBy!;
          expect(scale).toBeGreaterThanOrEqual(1);
          expect(width / scale).toBeLessThanOrEqual(profile.width + 1e-9);
          expect(height / scale).toBeLessThanOrEqual(profile.height + 1e-9);
          // And no smaller than needed: one side meets the mode's size unless the camera is smaller.
          if (scale > 1)
            expect(Math.max(width / scale / profile.width, height / scale / profile.height)).toBeCloseTo(1, 9);
        },
      ),
    );
  });

  it('scales a 720p camera by 2 for 360p and by 4 for 180p', () => {
    expect(encodingFor('v360p15', { width: 1280, height: 720 }).scaleResolutionDownBy).toBe(2);
    expect(encodingFor('v180p8', { width: 1280, height: 720 }).scaleResolutionDownBy).toBe(4);
    expect(encodingFor('v270p15', {}).scaleResolutionDownBy).toBe(1);
  });

  it('keeps the frame rate at 15 fps and balances at 180p', () => {
    expect(encodingFor('v270p15', {}).degradationPreference).toBe('maintain-framerate');
    expect(encodingFor('v180p12', {}).degradationPreference).toBe('balanced');
  });

  it('turns the video encoding off in audio, nothing else', () => {
    expect(encodingFor('audio', { width: 640, height: 360 })).toEqual({ active: false });
  });
});
