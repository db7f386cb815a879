import { describe, expect, it } from 'vitest';
import { loadMediaChoice, MEDIA_CHOICE_KEY, mediaConstraints, saveMediaChoice } from './media-choice.js';

function memoryStorage() {
  const map = new Map<string, string>();
  return { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v), map };
}

describe('media choice', () => {
  it('remembers the chosen camera and microphone', () => {
    const storage = memoryStorage();
    expect(loadMediaChoice(storage)).toEqual({ cameraId: null, microphoneId: null });
    saveMediaChoice(storage, { cameraId: 'cam-2', microphoneId: null });
    expect(loadMediaChoice(storage)).toEqual({ cameraId: 'cam-2', microphoneId: null });
  });

  it('reads anything unreadable as the default devices', () => {
    for (const stored of ['{', '42', '{"cameraId":7,"microphoneId":""}', 'null']) {
      const storage = memoryStorage();
      storage.map.set(MEDIA_CHOICE_KEY, stored);
      expect(loadMediaChoice(storage), stored).toEqual({ cameraId: null, microphoneId: null });
    }
    const broken = {
      getItem: () => {
        throw new Error('storage off');
      },
      setItem: () => {
        throw new Error('storage off');
      },
    };
    expect(loadMediaChoice(broken)).toEqual({ cameraId: null, microphoneId: null });
    expect(() => saveMediaChoice(broken, { cameraId: 'a', microphoneId: 'b' })).not.toThrow();
  });

  it('asks for the chosen devices exactly, and for the default when none was chosen', () => {
    const chosen = mediaConstraints({ cameraId: 'cam', microphoneId: 'mic' }, { video: true, audio: true });
    expect(chosen.video).toMatchObject({ deviceId: { exact: 'cam' }, width: { ideal: 640 }, height: { ideal: 360 } });
    expect(chosen.audio).toMatchObject({ deviceId: { exact: 'mic' }, echoCancellation: true });
    const defaults = mediaConstraints({ cameraId: null, microphoneId: null }, { video: false, audio: true });
    expect(defaults.video).toBe(false);
    expect(defaults.audio).not.toHaveProperty('deviceId');
  });
});
