import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CHOICE_KEY,
  DEFAULT_CHOICE,
  loadChoice,
  mediaConstraints,
  optionsOf,
  parseChoice,
  saveChoice,
} from './device-choice.js';
import { mediaErrorKey } from './local-media.js';

function memoryStorage() {
  const map = new Map<string, string>();
  return { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v), map };
}

describe('the camera and microphone choice', () => {
  it('is kept and read back', () => {
    const storage = memoryStorage();
    saveChoice({ cameraId: 'cam-2', microphoneId: null }, storage);
    expect(storage.map.has(CHOICE_KEY)).toBe(true);
    expect(loadChoice(storage)).toEqual({ cameraId: 'cam-2', microphoneId: null });
  });

  it('reads anything unreadable as the system default, never failing', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json()), (text) => {
        const choice = parseChoice(text);
        expect(typeof choice.cameraId === 'string' || choice.cameraId === null).toBe(true);
        expect(typeof choice.microphoneId === 'string' || choice.microphoneId === null).toBe(true);
      }),
    );
    expect(parseChoice(null)).toEqual(DEFAULT_CHOICE);
    expect(parseChoice('{"cameraId": 5, "microphoneId": ""}')).toEqual(DEFAULT_CHOICE);
    expect(loadChoice(undefined)).toEqual(DEFAULT_CHOICE);
    const broken = {
      getItem: () => {
        throw new Error('storage off');
      },
    };
    expect(loadChoice(broken)).toEqual(DEFAULT_CHOICE);
  });

  it('asks for the chosen devices as preferences, starting video at the top mode', () => {
    const c = mediaConstraints({ cameraId: 'cam-2', microphoneId: 'mic-1' });
    expect(c.video).toMatchObject({
      deviceId: { ideal: 'cam-2' },
      width: { ideal: 640 },
      height: { ideal: 360 },
      frameRate: { ideal: 15 },
    });
    expect(c.audio).toMatchObject({ deviceId: { ideal: 'mic-1' }, echoCancellation: true });
    const defaults = mediaConstraints(DEFAULT_CHOICE);
    expect(defaults.video).not.toHaveProperty('deviceId');
    expect(defaults.audio).not.toHaveProperty('deviceId');
    expect(mediaConstraints(DEFAULT_CHOICE, false).video).toBe(false);
  });

  it('lists cameras and microphones, numbering those the browser gives no name', () => {
    const devices = [
      { deviceId: 'a', kind: 'videoinput', label: 'USB Camera' },
      { deviceId: 'b', kind: 'videoinput', label: '' },
      { deviceId: 'c', kind: 'audioinput', label: 'Headset' },
      { deviceId: '', kind: 'audioinput', label: '' },
      { deviceId: 'd', kind: 'audiooutput', label: 'Speakers' },
    ] as const;
    expect(optionsOf(devices, 'videoinput', (n) => `Camera ${n}`)).toEqual([
      { id: 'a', label: 'USB Camera' },
      { id: 'b', label: 'Camera 2' },
    ]);
    expect(optionsOf(devices, 'audioinput', (n) => `Mic ${n}`)).toEqual([{ id: 'c', label: 'Headset' }]);
  });

  it('explains why the devices could not be opened', () => {
    expect(mediaErrorKey(new DOMException('denied', 'NotAllowedError'))).toBe('consults.media.errors.NotAllowedError');
    expect(mediaErrorKey(new DOMException('busy', 'NotReadableError'))).toBe('consults.media.errors.NotReadableError');
    expect(mediaErrorKey(new Error('odd'))).toBe('consults.media.errors.other');
    expect(mediaErrorKey('nothing')).toBe('consults.media.errors.other');
  });
});
