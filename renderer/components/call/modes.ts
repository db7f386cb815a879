// The call's quality modes, top to bottom: what each sends and what it needs from the link.

/** A rung of the quality ladder; `audio` is audio only plus a still snapshot every few seconds. */
export type CallMode = 'v360p15' | 'v270p15' | 'v180p12' | 'v180p8' | 'audio';

/** A video mode: the size, frame rate and bitrate the camera is encoded at. */
export interface VideoProfile {
  width: number;
  height: number;
  fps: number;
  kbps: number;
}

/** The modes from the top (where a call starts) to `audio` at the bottom. */
export const MODES: readonly CallMode[] = ['v360p15', 'v270p15', 'v180p12', 'v180p8', 'audio'];

/** The mode a call starts in. */
export const TOP_MODE: CallMode = 'v360p15';

/** The lowest video mode; below its bitrate the call goes audio-only. */
export const FLOOR_MODE: CallMode = 'v180p8';

export const VIDEO_PROFILES: Readonly<Record<Exclude<CallMode, 'audio'>, VideoProfile>> = {
  v360p15: { width: 640, height: 360, fps: 15, kbps: 500 },
  v270p15: { width: 480, height: 270, fps: 15, kbps: 300 },
  v180p12: { width: 320, height: 180, fps: 12, kbps: 180 },
  v180p8: { width: 320, height: 180, fps: 8, kbps: 150 },
};

/**
 * What the audio stream costs on the wire: Opus at ~32 kbit/s plus RTP, SRTP and UDP headers,
 * which a TURN relay's budget counts too (a 100 kbit/s relay loses ~40 kbit/s to audio).
 */
export const AUDIO_KBPS = 40;

/** Below this estimate no video mode fits: the ladder goes straight to audio. */
export const FLOOR_KBPS = VIDEO_PROFILES.v180p8.kbps;

/** The video profile of a mode, or null in `audio`. */
export function videoProfile(mode: CallMode): VideoProfile | null {
  return mode === 'audio' ? null : VIDEO_PROFILES[mode];
}

/** What a mode needs from the link, video and audio together, in kbit/s. */
export function needKbps(mode: CallMode): number {
  return (videoProfile(mode)?.kbps ?? 0) + AUDIO_KBPS;
}

/** The position of a mode on the ladder, 0 at the top. */
export function rank(mode: CallMode): number {
  return MODES.indexOf(mode);
}

/** The mode one rung above (null at the top) or below (null at `audio`). */
export function neighbour(mode: CallMode, direction: 'up' | 'down'): CallMode | null {
  return MODES[rank(mode) + (direction === 'up' ? -1 : 1)] ?? null;
}

/** Whether a value is one of the modes (for what arrives over the data channel). */
export function isCallMode(value: unknown): value is CallMode {
  return typeof value === 'string' && (MODES as readonly string[]).includes(value);
}
