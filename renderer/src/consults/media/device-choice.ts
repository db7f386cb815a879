import { VIDEO_PROFILES } from '../../../components/call/modes.js';

/** The camera and microphone chosen in the pre-call check; null is "the system's default". */
export interface DeviceChoice {
  readonly cameraId: string | null;
  readonly microphoneId: string | null;
}

export const DEFAULT_CHOICE: DeviceChoice = { cameraId: null, microphoneId: null };

/** Where the choice is kept on this machine (it names local devices, nothing about patients). */
export const CHOICE_KEY = 'cunyi.callDevices';

const idOrNull = (v: unknown): string | null => (typeof v === 'string' && v !== '' && v.length <= 512 ? v : null);

/** Reads a stored choice; anything unreadable is the default, never an error. */
export function parseChoice(text: string | null): DeviceChoice {
  if (text === null) return DEFAULT_CHOICE;
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null) return DEFAULT_CHOICE;
    const v = value as Record<string, unknown>;
    return { cameraId: idOrNull(v['cameraId']), microphoneId: idOrNull(v['microphoneId']) };
  } catch {
    return DEFAULT_CHOICE;
  }
}

export function loadChoice(storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage): DeviceChoice {
  try {
    return parseChoice(storage?.getItem(CHOICE_KEY) ?? null);
  } catch {
    return DEFAULT_CHOICE;
  }
}

export function saveChoice(
  choice: DeviceChoice,
  storage: Pick<Storage, 'setItem'> | undefined = globalThis.localStorage,
): void {
  try {
    storage?.setItem(CHOICE_KEY, JSON.stringify(choice));
  } catch {
    // Storage may be off in a locked-down profile: the choice then lasts for this page only.
  }
}

const TOP = VIDEO_PROFILES.v360p15;

/**
 * What to ask getUserMedia for. A chosen device is `ideal`, not `exact`, so an unplugged
 * camera falls back to another instead of failing the call. Video starts at the ladder's top
 * mode (640×360, 15 fps); the call engine steps it down from there.
 */
export function mediaConstraints(choice: DeviceChoice, video = true): MediaStreamConstraints {
  const audio: MediaTrackConstraints = { echoCancellation: true, noiseSuppression: true, autoGainControl: true };
  if (choice.microphoneId !== null) audio.deviceId = { ideal: choice.microphoneId };
  if (!video) return { audio, video: false };
  const camera: MediaTrackConstraints = {
    width: { ideal: TOP.width },
    height: { ideal: TOP.height },
    frameRate: { ideal: TOP.fps },
  };
  if (choice.cameraId !== null) camera.deviceId = { ideal: choice.cameraId };
  return { audio, video: camera };
}

/** A device as the pickers list it: a label the browser gave, or a numbered fallback. */
export interface DeviceOption {
  readonly id: string;
  readonly label: string;
}

/** The cameras or microphones among enumerated devices; unnamed ones numbered (`fallback(n)`). */
export function optionsOf(
  devices: readonly Pick<MediaDeviceInfo, 'deviceId' | 'kind' | 'label'>[],
  kind: 'videoinput' | 'audioinput',
  fallback: (n: number) => string,
): DeviceOption[] {
  return devices
    .filter((d) => d.kind === kind && d.deviceId !== '')
    .map((d, i) => ({ id: d.deviceId, label: d.label.trim() === '' ? fallback(i + 1) : d.label }));
}
