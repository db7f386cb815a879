import { useEffect, useState } from 'react';
import { micLevel } from './mic-level.js';

/** How often the meter is redrawn: smooth enough to see speech, cheap on a slow PC. */
const EVERY_MS = 100;

/** The microphone's level, 0..1, while `stream` has sound; 0 without. */
export function useMicLevel(stream: MediaStream | null): number {
  const [level, setLevel] = useState(0);
  useEffect(() => {
    if (!stream || stream.getAudioTracks().length === 0) return;
    let ctx: AudioContext;
    try {
      ctx = new AudioContext();
    } catch {
      return;
    }
    const analyser = ctx.createAnalyser();
    analyser.fftSize = 1024;
    const source = ctx.createMediaStreamSource(stream);
    source.connect(analyser);
    const block = new Float32Array(analyser.fftSize);
    void ctx.resume().catch(() => undefined);
    const id = setInterval(() => {
      analyser.getFloatTimeDomainData(block);
      setLevel(micLevel(block));
    }, EVERY_MS);
    return () => {
      clearInterval(id);
      source.disconnect();
      void ctx.close().catch(() => undefined);
      setLevel(0);
    };
  }, [stream]);
  return level;
}
