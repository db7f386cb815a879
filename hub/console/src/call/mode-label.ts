import type { CallMode } from '../../../../contract/consults/consult.js';
import { videoProfile } from '../../../../renderer/components/call/modes.js';

/** A call mode in words, as an i18n key and its numbers: "Video 640×360 · 15 fps" or "Audio only + stills". */
export function modeLabel(
  mode: CallMode,
): { key: 'call.modeVideo'; width: number; height: number; fps: number } | { key: 'call.modeAudio' } {
  const profile = videoProfile(mode);
  return profile === null
    ? { key: 'call.modeAudio' }
    : { key: 'call.modeVideo', width: profile.width, height: profile.height, fps: profile.fps };
}
