/**
 * The rules a live frame keeps. The encoder refuses a frame that breaks one and the decoder
 * refuses bytes that would yield one, so whatever decodes can be encoded again.
 */
import type { LiveFrame, LiveReading, LiveStreamInfo, LiveWaveform } from './live-frame-types.js';
import { LIVE_LIMITS } from './live-frame-types.js';

const isUint = (n: number, max: number) => Number.isInteger(n) && n >= 0 && n <= max;
const isSeq = (n: number) => isUint(n, Number.MAX_SAFE_INTEGER);
const isStreamId = (n: number) => isUint(n, LIVE_LIMITS.maxStreamId);

function readingProblem(r: LiveReading): string | null {
  if (r.components && r.components.length > LIVE_LIMITS.components) return 'too many components';
  return null;
}

function streamProblem(s: LiveStreamInfo): string | null {
  if (!isStreamId(s.id)) return `stream id ${s.id} out of range`;
  if (s.channels.length < 1 || s.channels.length > LIVE_LIMITS.channels) return 'stream needs 1 to 32 channels';
  return null;
}

function waveformProblem(w: LiveWaveform): string | null {
  if (!isStreamId(w.stream)) return `stream id ${w.stream} out of range`;
  if (!isSeq(w.seq)) return `seq ${w.seq} is not a safe unsigned integer`;
  const n = w.channels.length;
  if (n < 1 || n !== w.samples.length) return 'waveform needs one sample array per named channel';
  if (w.channels.some((c, i) => !isUint(c, LIVE_LIMITS.channels - 1) || (i > 0 && c <= (w.channels[i - 1] as number))))
    return 'channel indexes must ascend strictly within 0–31';
  const count = w.samples[0]?.length ?? 0;
  if (count < 1 || count > LIVE_LIMITS.samples) return `1 to ${LIVE_LIMITS.samples} samples per channel`;
  if (w.samples.some((s) => s.length !== count)) return 'every channel needs the same number of samples';
  if (!isSeq(w.seq + count)) return 'seq runs past 2^53';
  return null;
}

/** What is wrong with a frame, or null when it can travel. */
export function liveFrameProblem(frame: LiveFrame): string | null {
  if (!isUint(frame.frameSeq, 0xffffffff)) return `frameSeq ${frame.frameSeq} is not a uint32`;
  switch (frame.type) {
    case 'reading':
      return readingProblem(frame.reading);
    case 'stream':
      return streamProblem(frame.stream);
    case 'waveform':
      return waveformProblem(frame.waveform);
    case 'gap': {
      const { stream, seq, count } = frame.gap;
      if (!isStreamId(stream)) return `stream id ${stream} out of range`;
      if (!isSeq(seq) || !isSeq(count) || count < 1 || !isSeq(seq + count)) return 'gap needs seq ≥ 0, count ≥ 1';
      return null;
    }
    default:
      return 'unknown frame type';
  }
}
