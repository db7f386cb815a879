import { mediaConstraints } from './media-choice.js';
import type { MediaChoice } from './media-choice.js';

/** What the call could get of camera and microphone; `missing` says what it lacks. */
export interface LocalMedia {
  readonly stream: MediaStream | null;
  readonly missing: 'none' | 'camera' | 'both';
}

async function tryOpen(constraints: MediaStreamConstraints): Promise<MediaStream | null> {
  try {
    return await navigator.mediaDevices.getUserMedia(constraints);
  } catch {
    return null;
  }
}

/**
 * Opens the chosen camera and microphone. A chosen device that has gone falls back to the
 * default; without a camera the call goes on with the microphone, and without either the
 * specialist can still see and hear the station.
 */
export async function openLocalMedia(choice: MediaChoice): Promise<LocalMedia> {
  const defaults: MediaChoice = { cameraId: null, microphoneId: null };
  const both = { video: true, audio: true };
  const audioOnly = { video: false, audio: true };
  const full =
    (await tryOpen(mediaConstraints(choice, both))) ??
    (choice.cameraId !== null || choice.microphoneId !== null ? await tryOpen(mediaConstraints(defaults, both)) : null);
  if (full) return { stream: full, missing: 'none' };
  const voice =
    (await tryOpen(mediaConstraints(choice, audioOnly))) ?? (await tryOpen(mediaConstraints(defaults, audioOnly)));
  return voice ? { stream: voice, missing: 'camera' } : { stream: null, missing: 'both' };
}

/** Stops every track, so the camera light goes out. */
export function stopMedia(stream: MediaStream | null): void {
  for (const track of stream?.getTracks() ?? []) track.stop();
}
