/**
 * Sample blocks of a live waveform frame. A batch whose every sample is exactly an int32
 * multiple of a step (the device's resolution, else 1) travels as steps: whole, as int16
 * deltas or as zigzag varint deltas, whichever is smallest. Any other batch travels as float64.
 * Either way the receiver gets back the very doubles the device produced.
 *
 * Layout: u8 head (bits 0–1 the encoding below; 0x40: an f32 resolution follows, 0x80: an f64
 * one) · then channel by channel: f64 values | i32 steps | i32 first step and i16 deltas |
 * zigzag varint deltas from 0. Steps × (resolution ?? 1) are the samples.
 */
import type { ByteReader, ByteWriter } from './live-bytes.js';
import { LiveDecodeFailure, varintSize } from './live-bytes.js';

/** How a block's samples are written; the low bits of the block's first byte. */
const FLOAT64 = 0;
const STEPS_INT32 = 1;
const DELTAS_INT16 = 2;
const DELTAS_VARINT = 3;
const ENCODING_MASK = 3;
/** The device's resolution follows as a float32 (when that holds it exactly, as for 1 or 2.5 µV) or a float64. */
const RESOLUTION_F32 = 0x40;
const RESOLUTION_F64 = 0x80;

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;
const fitsInt16 = (d: number) => d >= -32768 && d <= 32767;
const fitsInt32 = (s: number) => s >= INT32_MIN && s <= INT32_MAX;
/** Small magnitudes of either sign become small unsigned numbers (0, −1, 1, −2 → 0, 1, 2, 3). */
const zigzag = (d: number) => (d >= 0 ? 2 * d : -2 * d - 1);
const unzigzag = (z: number) => (z % 2 === 0 ? z / 2 : -(z + 1) / 2);

/** The steps of every sample, or null when one is not exactly `step` × an int32. */
function toSteps(samples: readonly (readonly number[])[], step: number): number[][] | null {
  const out: number[][] = [];
  for (const channel of samples) {
    const steps: number[] = [];
    for (const value of channel) {
      // `+ 0` turns −0 into 0: a −0 sample then fails the check below and goes as float64.
      const s = Math.round(value / step) + 0;
      // Object.is, not ===: the decoder computes s * step, and that must be this very double.
      if (!fitsInt32(s) || !Object.is(s * step, value)) return null;
      steps.push(s);
    }
    out.push(steps);
  }
  return out;
}

function deltaSizes(steps: readonly number[][]): { int16: number; varint: number } {
  let int16 = 0;
  let varint = 0;
  for (const channel of steps) {
    let prev = 0;
    channel.forEach((s, i) => {
      const d = s - prev;
      if (i > 0 && !fitsInt16(d)) int16 = Infinity;
      int16 += i === 0 ? 4 : 2;
      varint += varintSize(zigzag(d));
      prev = s;
    });
  }
  return { int16, varint };
}

/** Writes the samples of a waveform frame, in the smallest exact form. */
export function writeSamples(
  out: ByteWriter,
  samples: readonly (readonly number[])[],
  resolution: number | null,
): void {
  const f32 = resolution !== null && Object.is(Math.fround(resolution), resolution);
  const flag = resolution === null ? 0 : f32 ? RESOLUTION_F32 : RESOLUTION_F64;
  const steps = toSteps(samples, resolution ?? 1);
  let encoding = FLOAT64;
  if (steps) {
    const count = steps.length * (steps[0]?.length ?? 0);
    const sizes = deltaSizes(steps);
    const best = Math.min(4 * count, sizes.int16, sizes.varint);
    encoding = best === sizes.varint ? DELTAS_VARINT : best === sizes.int16 ? DELTAS_INT16 : STEPS_INT32;
  }
  out.u8(encoding | flag);
  if (flag === RESOLUTION_F32) out.f32(resolution as number);
  if (flag === RESOLUTION_F64) out.f64(resolution as number);
  if (!steps) {
    for (const channel of samples) for (const value of channel) out.f64(value);
    return;
  }
  for (const channel of steps) {
    let prev = 0;
    channel.forEach((s, i) => {
      if (encoding === STEPS_INT32 || (encoding === DELTAS_INT16 && i === 0)) out.i32(s);
      else if (encoding === DELTAS_INT16) out.i16(s - prev);
      else out.varint(zigzag(s - prev));
      prev = s;
    });
  }
}

function readChannel(input: ByteReader, encoding: number, count: number, step: number): number[] {
  const values: number[] = [];
  let prev = 0;
  for (let i = 0; i < count; i++) {
    if (encoding === FLOAT64) {
      values.push(input.f64());
      continue;
    }
    let s: number;
    if (encoding === STEPS_INT32 || (encoding === DELTAS_INT16 && i === 0)) s = input.i32();
    else if (encoding === DELTAS_INT16) s = prev + input.i16();
    else s = prev + unzigzag(input.varint(2 ** 33));
    // The writer never leaves int32; a block that does was not written by it.
    if (!fitsInt32(s)) throw new LiveDecodeFailure('malformed');
    values.push(s * step);
    prev = s;
  }
  return values;
}

/** Reads `channels` × `count` samples written by writeSamples. */
export function readSamples(
  input: ByteReader,
  channels: number,
  count: number,
): { samples: number[][]; resolution: number | null } {
  const head = input.u8();
  const flag = head & ~ENCODING_MASK;
  if (flag !== 0 && flag !== RESOLUTION_F32 && flag !== RESOLUTION_F64) throw new LiveDecodeFailure('malformed');
  const resolution = flag === RESOLUTION_F32 ? input.f32() : flag === RESOLUTION_F64 ? input.f64() : null;
  const samples: number[][] = [];
  for (let c = 0; c < channels; c++) samples.push(readChannel(input, head & ENCODING_MASK, count, resolution ?? 1));
  return { samples, resolution };
}
