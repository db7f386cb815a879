import { describe, expect, it } from 'vitest';
import { MODES } from '../../../components/call/modes.js';
import { channelsToSend, THIN_LINK_MODES } from './lead-choice.js';

const TWELVE = ['I', 'II', 'III', 'aVR', 'aVL', 'aVF', 'V1', 'V2', 'V3', 'V4', 'V5', 'V6'];

describe('which channels go at which quality mode', () => {
  it('sends every ECG lead on a good link and lead II alone on a thin one', () => {
    const sent = Object.fromEntries(MODES.map((m) => [m, channelsToSend('ecg', TWELVE, m)]));
    expect(sent).toEqual({
      v360p15: TWELVE.map((_, i) => i),
      v270p15: TWELVE.map((_, i) => i),
      v180p12: [1],
      v180p8: [1],
      audio: [1],
    });
    expect([...THIN_LINK_MODES]).toEqual(['v180p12', 'v180p8', 'audio']);
  });

  it('finds lead II wherever the device puts it', () => {
    expect(channelsToSend('ecg', ['V1', 'V2', 'II', 'I'], 'audio')).toEqual([2]);
  });

  it('sends everything before the call has a mode, for other devices, and for an ECG without lead II', () => {
    expect(channelsToSend('ecg', TWELVE, null)).toHaveLength(12);
    expect(channelsToSend('oximeter', ['pleth'], 'audio')).toEqual([0]);
    expect(channelsToSend('ecg', ['I', 'III'], 'audio')).toEqual([0, 1]);
  });
});
