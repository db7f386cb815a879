// Applies a ladder mode to the video sender with setParameters: no renegotiation, no new track.
import { videoProfile } from './modes.js';
import type { CallMode } from './modes.js';

/** What one mode asks of the single video encoding. */
export interface EncodingPlan {
  active: boolean;
  maxBitrate?: number;
  maxFramerate?: number;
  scaleResolutionDownBy?: number;
  degradationPreference?: RTCDegradationPreference;
}

/**
 * The encoding for a mode given the camera's real size (from the track's settings). The scale
 * fits both sides inside the mode's size and never scales up. At 15 fps the encoder keeps the
 * frame rate and gives up resolution when pressed (a consult needs to see movement: gait,
 * breathing); at 180p there is no resolution left to give, so it balances the two.
 */
export function encodingFor(mode: CallMode, source: { width?: number; height?: number }): EncodingPlan {
  const profile = videoProfile(mode);
  if (!profile) return { active: false };
  const scale = Math.max(1, (source.width ?? 0) / profile.width, (source.height ?? 0) / profile.height);
  return {
    active: true,
    maxBitrate: profile.kbps * 1000,
    maxFramerate: profile.fps,
    scaleResolutionDownBy: scale,
    degradationPreference: profile.fps >= 15 ? 'maintain-framerate' : 'balanced',
  };
}

/**
 * Applies a mode to a video sender. Returns false when the sender has no negotiated encoding yet
 * (the caller applies it again once connected) or the browser refused the parameters.
 */
export async function applyMode(sender: RTCRtpSender, mode: CallMode): Promise<boolean> {
  const track = sender.track;
  if (!track) return false;
  const { degradationPreference, ...plan } = encodingFor(mode, track.getSettings());
  const attempt = async (withPreference: boolean) => {
    // Fresh parameters each time: setParameters only takes the last getParameters' transaction.
    const parameters = sender.getParameters();
    const encoding = parameters.encodings[0];
    if (!encoding) return false;
    Object.assign(encoding, plan);
    if (withPreference && degradationPreference) parameters.degradationPreference = degradationPreference;
    await sender.setParameters(parameters);
    return true;
  };
  try {
    return await attempt(true);
  } catch {
    // A browser that does not take degradationPreference refuses the whole call: again without it.
    return attempt(false).catch(() => false);
  }
}
