import { readFileSync } from 'node:fs';

/**
 * Beat times from a WFDB annotation file in MIT format: 16-bit little-endian words, the top
 * 6 bits the code, the low 10 the time step; SKIP carries a longer step in the next two words
 * (high word first), AUX a string, NUM/SUB/CHN only change fields. Only what the simulator
 * needs (when each beat's R wave is) is kept.
 */

const SKIP = 59;
const NUM = 60;
const SUB = 61;
const CHN = 62;
const AUX = 63;

/**
 * Annotation codes that mark a QRS complex (WFDB ecgcodes.h). A non-conducted P wave (37)
 * is annotated but has no QRS; leaving it out gives the database's stated 109,494 beats.
 */
const BEATS = new Set([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 25, 30, 34, 35, 38, 41]);

/** Sample indices of every beat annotation, in order. */
export function readBeats(path: string): number[] {
  const bytes = readFileSync(path);
  const word = (at: number) => (bytes[at] as number) | ((bytes[at + 1] as number) << 8);
  const beats: number[] = [];
  let time = 0;
  let at = 0;
  while (at + 1 < bytes.length) {
    const w = word(at);
    at += 2;
    const code = w >> 10;
    const step = w & 0x3ff;
    if (code === 0 && step === 0) break;
    if (code === SKIP) {
      time += ((word(at) << 16) | word(at + 2)) >> 0;
      at += 4;
    } else if (code === AUX) at += step + (step & 1);
    else if (code === NUM || code === SUB || code === CHN) continue;
    else {
      time += step;
      if (BEATS.has(code)) beats.push(time);
    }
  }
  return beats;
}
