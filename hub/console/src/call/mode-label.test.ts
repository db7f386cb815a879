import { describe, expect, it } from 'vitest';
import { CallMode } from '../../../../contract/consults/consult.js';
import { modeLabel } from './mode-label.js';

describe('modeLabel', () => {
  it('names each video mode by its size and rate, and audio-only as such', () => {
    expect(modeLabel('v360p15')).toEqual({ key: 'call.modeVideo', width: 640, height: 360, fps: 15 });
    expect(modeLabel('v180p8')).toEqual({ key: 'call.modeVideo', width: 320, height: 180, fps: 8 });
    expect(modeLabel('audio')).toEqual({ key: 'call.modeAudio' });
  });

  it('has words for every mode of the contract, each different', () => {
    const labels = CallMode.options.map((mode) => JSON.stringify(modeLabel(mode)));
    expect(new Set(labels).size).toBe(CallMode.options.length);
  });
});
