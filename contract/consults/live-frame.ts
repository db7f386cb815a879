/**
 * The binary codec of the consult call's live-vitals data channel.
 *
 * Layout (little-endian; "v" is an unsigned LEB128 varint, "s" a v-length UTF-8 string):
 *   u8 tag 0x10 · u8 version 1 · u8 type · u32 frameSeq · f64 sentAt · body
 *   reading  (1): s kind · s loinc · f64 value · s unit · u8 interp · f64 measuredAt · s device ·
 *                 v components+1 (0 = none given) · each: s loinc · f64 value · s unit · u8 interp
 *   stream   (2): v id · s device · s kind · v channels · s name… · f64 sampleRate · s unit
 *   waveform (3): v stream · v seq · v channel mask · v samples per channel · sample block
 *   gap      (4): v stream · v seq · v count
 * interp: 0 none, 1 N, 2 L, 3 H, 4 LL, 5 HH. The sample block is described in live-samples.ts.
 *
 * There is no checksum: the data channel runs over SCTP (CRC32c) inside DTLS, whose record MAC
 * already rejects altered packets. A frame altered some other way may still decode, with
 * different values; the decoder only promises never to throw and never to read out of bounds.
 */
import type { Interpretation } from '../records/visit.js';
import { ByteReader, ByteWriter, LiveDecodeFailure } from './live-bytes.js';
import { liveFrameProblem } from './live-frame-check.js';
import type { LiveComponent, LiveDecodeResult, LiveFrame, LiveReading, LiveStreamInfo } from './live-frame-types.js';
import { LIVE_FRAME_TAG, LIVE_FRAME_VERSION, LIVE_LIMITS } from './live-frame-types.js';
import { readSamples, writeSamples } from './live-samples.js';

const TYPES = { reading: 1, stream: 2, waveform: 3, gap: 4 } as const;
// A Record over the contract's enum: a new interpretation code fails the build here, not at runtime.
const INTERPRETATION_CODES: Record<Interpretation, number> = { N: 1, L: 2, H: 3, LL: 4, HH: 5 };
const INTERPRETATIONS: readonly (Interpretation | null)[] = [null, 'N', 'L', 'H', 'LL', 'HH'];
const MAX = LIVE_LIMITS.stringBytes;

function writeInterpretation(out: ByteWriter, code: Interpretation | null): void {
  if (code !== null && !Object.hasOwn(INTERPRETATION_CODES, code)) {
    throw new RangeError(`unknown interpretation ${String(code)}`);
  }
  out.u8(code === null ? 0 : INTERPRETATION_CODES[code]);
}

function readInterpretation(input: ByteReader): Interpretation | null {
  const code = INTERPRETATIONS[input.u8()];
  if (code === undefined) throw new LiveDecodeFailure('malformed');
  return code;
}

function writeReading(out: ByteWriter, r: LiveReading): void {
  out.string(r.kind, MAX);
  out.string(r.loinc, MAX);
  out.f64(r.value);
  out.string(r.unit, MAX);
  writeInterpretation(out, r.interpretation);
  out.f64(r.measuredAt);
  out.string(r.device, MAX);
  out.varint(r.components ? r.components.length + 1 : 0);
  for (const c of r.components ?? []) {
    out.string(c.loinc, MAX);
    out.f64(c.value);
    out.string(c.unit, MAX);
    writeInterpretation(out, c.interpretation);
  }
}

function readReading(input: ByteReader): LiveReading {
  const kind = input.string(MAX);
  const loinc = input.string(MAX);
  const value = input.f64();
  const unit = input.string(MAX);
  const interpretation = readInterpretation(input);
  const measuredAt = input.f64();
  const device = input.string(MAX);
  const reading: LiveReading = { kind, loinc, value, unit, interpretation, measuredAt, device };
  const present = input.varint(LIVE_LIMITS.components + 1);
  if (present === 0) return reading;
  const components: LiveComponent[] = [];
  for (let i = 1; i < present; i++) {
    const c = { loinc: input.string(MAX), value: input.f64(), unit: input.string(MAX) };
    components.push({ ...c, interpretation: readInterpretation(input) });
  }
  return { ...reading, components };
}

function readStream(input: ByteReader): LiveStreamInfo {
  const id = input.varint(LIVE_LIMITS.maxStreamId);
  const device = input.string(MAX);
  const kind = input.string(MAX);
  const count = input.varint(LIVE_LIMITS.channels);
  const channels: string[] = [];
  for (let i = 0; i < count; i++) channels.push(input.string(MAX));
  return { id, device, kind, channels, sampleRate: input.f64(), unit: input.string(MAX) };
}

/**
 * Encodes one frame. Throws a RangeError for a frame that breaks the rules in live-frame-check.ts
 * or holds a string UTF-8 cannot carry unchanged (an unpaired surrogate) or over the byte limit.
 */
export function encodeLiveFrame(frame: LiveFrame): Uint8Array {
  const problem = liveFrameProblem(frame);
  if (problem) throw new RangeError(`live frame: ${problem}`);
  const out = new ByteWriter();
  out.u8(LIVE_FRAME_TAG);
  out.u8(LIVE_FRAME_VERSION);
  out.u8(TYPES[frame.type]);
  out.u32(frame.frameSeq);
  out.f64(frame.sentAt);
  if (frame.type === 'reading') writeReading(out, frame.reading);
  else if (frame.type === 'stream') {
    const s = frame.stream;
    out.varint(s.id);
    out.string(s.device, MAX);
    out.string(s.kind, MAX);
    out.varint(s.channels.length);
    for (const name of s.channels) out.string(name, MAX);
    out.f64(s.sampleRate);
    out.string(s.unit, MAX);
  } else if (frame.type === 'waveform') {
    const w = frame.waveform;
    out.varint(w.stream);
    out.varint(w.seq);
    out.varint(w.channels.reduce((mask, c) => mask + 2 ** c, 0));
    out.varint(w.samples[0]?.length ?? 0);
    writeSamples(out, w.samples, w.resolution);
  } else {
    out.varint(frame.gap.stream);
    out.varint(frame.gap.seq);
    out.varint(frame.gap.count);
  }
  return out.done();
}

function readBody(input: ByteReader, type: number, frameSeq: number, sentAt: number): LiveFrame {
  switch (type) {
    case TYPES.reading:
      return { type: 'reading', frameSeq, sentAt, reading: readReading(input) };
    case TYPES.stream:
      return { type: 'stream', frameSeq, sentAt, stream: readStream(input) };
    case TYPES.waveform: {
      const stream = input.varint(LIVE_LIMITS.maxStreamId);
      const seq = input.varint();
      const mask = input.varint(0xffffffff);
      const channels = [...Array(LIVE_LIMITS.channels).keys()].filter((c) => Math.floor(mask / 2 ** c) % 2 === 1);
      const count = input.varint(LIVE_LIMITS.samples);
      const { samples, resolution } = readSamples(input, channels.length, count);
      return { type: 'waveform', frameSeq, sentAt, waveform: { stream, seq, channels, resolution, samples } };
    }
    case TYPES.gap: {
      const gap = { stream: input.varint(LIVE_LIMITS.maxStreamId), seq: input.varint(), count: input.varint() };
      return { type: 'gap', frameSeq, sentAt, gap };
    }
    default:
      throw new LiveDecodeFailure('unknown-type');
  }
}

/** Decodes one frame. Never throws: anything that is not a whole, valid frame is an error result. */
export function decodeLiveFrame(bytes: Uint8Array): LiveDecodeResult {
  try {
    const input = new ByteReader(bytes);
    if (input.u8() !== LIVE_FRAME_TAG) return { ok: false, error: 'bad-tag' };
    if (input.u8() !== LIVE_FRAME_VERSION) return { ok: false, error: 'bad-version' };
    const type = input.u8();
    if (!Object.values(TYPES).some((t) => t === type)) return { ok: false, error: 'unknown-type' };
    const frameSeq = input.u32();
    const frame = readBody(input, type, frameSeq, input.f64());
    if (input.remaining !== 0 || liveFrameProblem(frame) !== null) return { ok: false, error: 'malformed' };
    return { ok: true, frame };
  } catch (error) {
    return { ok: false, error: error instanceof LiveDecodeFailure ? error.reason : 'malformed' };
  }
}
