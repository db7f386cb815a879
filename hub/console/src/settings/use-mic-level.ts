import { useEffect, useState } from 'react';
import { micLevel } from './media-choice.js';

/** The microphone's level (0–100) about ten times a second, for the pre-call meter. */
export function useMicLevel(stream: MediaStream | null): number {
  const [level, setLevel] = useState(0);
  useEffect(() => {
    if (!stream || stream.getAudioTracks().length === 0) return;
    let context: AudioContext;
    try {
      context = new AudioContext();
    } catch {
      return;
    }
    const source = context.createMediaStreamSource(stream);
    const analyser = context.createAnalyser();
    analyser.fftSize = 1024;
    source.connect(analyser);
    const block = new Float32Array(analyser.fftSize);
    // A meter needs no more than this; the page may be open for hours.
    const id = setInterval(() => {
      if (context.state === 'suspended') void context.resume().catch(() => undefined);
      analyser.getFloatTimeDomainData(block);
      setLevel(micLevel(block));
    }, 100);
    return () => {
      clearInterval(id);
      source.disconnect();
      void context.close().catch(() => undefined);
      setLevel(0);
    };
  }, [stream]);
  return level;
}
