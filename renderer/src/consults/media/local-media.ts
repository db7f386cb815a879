import { mediaConstraints } from './device-choice.js';
import type { DeviceChoice } from './device-choice.js';

/** Camera and microphone as opened for a call or the pre-call check. */
export interface LocalMedia {
  readonly stream: MediaStream;
  /** The camera could not be opened, so the stream has sound only. */
  readonly videoMissing: boolean;
}

/** getUserMedia failures that mean "no usable camera", where sound alone is still worth having. */
const CAMERA_FAILURES = new Set(['NotFoundError', 'NotReadableError', 'OverconstrainedError', 'AbortError']);

const nameOf = (error: unknown) => (error instanceof DOMException || error instanceof Error ? error.name : '');

/**
 * Opens the chosen camera and microphone; without a usable camera, the microphone alone (a
 * consult by voice beats no consult). A refused permission is not retried: it is an answer.
 */
export async function openLocalMedia(choice: DeviceChoice): Promise<LocalMedia> {
  try {
    return { stream: await navigator.mediaDevices.getUserMedia(mediaConstraints(choice)), videoMissing: false };
  } catch (error) {
    if (!CAMERA_FAILURES.has(nameOf(error))) throw error;
    return { stream: await navigator.mediaDevices.getUserMedia(mediaConstraints(choice, false)), videoMissing: true };
  }
}

/** Stops every track, so the camera light goes off. */
export function stopMedia(stream: MediaStream | null): void {
  for (const track of stream?.getTracks() ?? []) track.stop();
}

const KNOWN = new Set(['NotAllowedError', 'NotFoundError', 'NotReadableError', 'SecurityError']);

/** The i18n key that explains why camera or microphone could not be opened. */
export function mediaErrorKey(error: unknown): string {
  const name = nameOf(error);
  return KNOWN.has(name) ? `consults.media.errors.${name}` : 'consults.media.errors.other';
}
