/** The camera and microphone the specialist chose; null is the browser's default. */
export interface MediaChoice {
  readonly cameraId: string | null;
  readonly microphoneId: string | null;
}

/** Where the choice is remembered in this browser. */
export const MEDIA_CHOICE_KEY = 'cunyi.console.media';

const NONE: MediaChoice = { cameraId: null, microphoneId: null };

/** The part of localStorage used here, so tests can pass a map. */
export interface ChoiceStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

const idOrNull = (value: unknown): string | null =>
  typeof value === 'string' && value.length > 0 && value.length <= 512 ? value : null;

/** The remembered choice; anything unreadable (or storage switched off) is the default devices. */
export function loadMediaChoice(storage: ChoiceStorage | undefined): MediaChoice {
  try {
    const raw: unknown = JSON.parse(storage?.getItem(MEDIA_CHOICE_KEY) ?? 'null');
    if (typeof raw !== 'object' || raw === null) return NONE;
    const record = raw as Record<string, unknown>;
    return { cameraId: idOrNull(record.cameraId), microphoneId: idOrNull(record.microphoneId) };
  } catch {
    return NONE;
  }
}

/** Remembers the choice; a browser with storage off keeps it for this page only. */
export function saveMediaChoice(storage: ChoiceStorage | undefined, choice: MediaChoice): void {
  try {
    storage?.setItem(MEDIA_CHOICE_KEY, JSON.stringify(choice));
  } catch {
    // Storage full or switched off: the choice lasts until the page closes.
  }
}

/** The size and rate a call starts at (the call engine steps it down on a bad link). */
export const START_VIDEO = { width: 640, height: 360, frameRate: 15 } as const;

/**
 * What to ask getUserMedia for: the chosen devices exactly (the caller retries with the
 * defaults when one is gone), voice processing on, and the call's starting video size.
 */
export function mediaConstraints(
  choice: MediaChoice,
  want: { video: boolean; audio: boolean },
): MediaStreamConstraints {
  const device = (id: string | null) => (id === null ? {} : { deviceId: { exact: id } });
  return {
    audio: want.audio
      ? { ...device(choice.microphoneId), echoCancellation: true, noiseSuppression: true, autoGainControl: true }
      : false,
    video: want.video
      ? {
          ...device(choice.cameraId),
          width: { ideal: START_VIDEO.width },
          height: { ideal: START_VIDEO.height },
          frameRate: { ideal: START_VIDEO.frameRate },
        }
      : false,
  };
}
