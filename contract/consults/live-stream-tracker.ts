/**
 * The console's bookkeeping for one live data channel: which decoded frames to use, and which
 * samples were lost on the way. Lost samples are reported as gaps and never filled, not even
 * by a frame that turns up late: the trace has already drawn them as missing.
 *
 * Frames are ordered per stream by sample seq rather than by frame number, so a reading that
 * an ECG batch overtook on an unordered channel is still shown instead of dropped as late.
 * Use one tracker per data channel; a new channel starts a new tracker.
 */
import type { LiveFrame, LiveGap, LiveStreamInfo } from './live-frame-types.js';

/** Whether to use a frame, and the sample runs lost just before it (draw them as gaps). */
export type LiveTrackVerdict =
  | { readonly use: true; readonly lost: readonly LiveGap[] }
  | { readonly use: false; readonly reason: 'duplicate' | 'stale' };

/** Counters for a link-quality display. */
export interface LiveLinkStats {
  /** Frames used. */
  readonly used: number;
  readonly duplicates: number;
  /** Frames dropped because what they carry is behind what was already used or reported lost. */
  readonly stale: number;
  /** Frame numbers jumped over; some of those frames may still arrive late. */
  readonly skippedFrames: number;
  /** Samples reported lost because the frames carrying them never came in time. */
  readonly lostSamples: number;
}

/** Receiver-side state of one live channel. */
export interface LiveStreamTracker {
  /** Feeds one decoded frame, in arrival order. */
  accept(frame: LiveFrame): LiveTrackVerdict;
  /** The latest description of a stream, once one has arrived. */
  stream(id: number): LiveStreamInfo | undefined;
  stats(): LiveLinkStats;
}

/** How many recent frame numbers are remembered to recognise a duplicate. */
const WINDOW = 4096;
const HALF = 2 ** 31;
/** How far `a` is ahead of `b` in uint32 serial-number arithmetic (RFC 1982): negative when behind. */
const ahead = (a: number, b: number) => {
  const d = (a - b) >>> 0;
  return d < HALF ? d : d - 2 ** 32;
};

/** Starts the bookkeeping for a new data channel. */
export function createLiveStreamTracker(): LiveStreamTracker {
  let newest: number | null = null;
  const seen = new Set<number>();
  const seenOrder: number[] = [];
  const next = new Map<number, number>();
  const streams = new Map<number, { info: LiveStreamInfo; frameSeq: number }>();
  const stats = { used: 0, duplicates: 0, stale: 0, skippedFrames: 0, lostSamples: 0 };

  const drop = (reason: 'duplicate' | 'stale'): LiveTrackVerdict => {
    if (reason === 'duplicate') stats.duplicates++;
    else stats.stale++;
    return { use: false, reason };
  };
  const use = (lost: LiveGap[] = []): LiveTrackVerdict => {
    stats.used++;
    for (const gap of lost) stats.lostSamples += gap.count;
    return { use: true, lost };
  };

  /** Places a run of samples on its stream: used, lost runs before it, or stale. */
  function place(stream: number, seq: number, count: number): LiveTrackVerdict {
    const expected = next.get(stream);
    if (expected !== undefined && seq < expected) return drop('stale');
    next.set(stream, seq + count);
    return use(expected !== undefined && seq > expected ? [{ stream, seq: expected, count: seq - expected }] : []);
  }

  function remember(frameSeq: number): 'duplicate' | 'stale' | null {
    if (seen.has(frameSeq)) return 'duplicate';
    if (newest !== null) {
      const lead = ahead(frameSeq, newest);
      // Too old to tell whether it was seen: whatever it carries is long superseded.
      if (lead <= -WINDOW) return 'stale';
      if (lead > 0) stats.skippedFrames += lead - 1;
    }
    if (newest === null || ahead(frameSeq, newest) > 0) newest = frameSeq;
    seen.add(frameSeq);
    seenOrder.push(frameSeq);
    if (seenOrder.length > WINDOW) seen.delete(seenOrder.shift() as number);
    return null;
  }

  return {
    accept(frame) {
      const refused = remember(frame.frameSeq);
      if (refused) return drop(refused);
      switch (frame.type) {
        case 'reading':
          return use();
        case 'stream': {
          const current = streams.get(frame.stream.id);
          if (current && ahead(frame.frameSeq, current.frameSeq) < 0) return drop('stale');
          streams.set(frame.stream.id, { info: frame.stream, frameSeq: frame.frameSeq });
          return use();
        }
        case 'waveform':
          return place(frame.waveform.stream, frame.waveform.seq, frame.waveform.samples[0]?.length ?? 0);
        case 'gap':
          return place(frame.gap.stream, frame.gap.seq, frame.gap.count);
      }
    },
    stream: (id) => streams.get(id)?.info,
    stats: () => ({ ...stats }),
  };
}
