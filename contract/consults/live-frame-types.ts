/**
 * The live-vitals feed of a consult call: what the station sends the specialist console over
 * the call's data channel while devices measure. Frames are self-contained (none needs an
 * earlier one to be decoded), because the channel may drop or reorder them on a bad link.
 */
import type { Interpretation } from '../records/visit.js';

/** First byte of every live frame; other tags on the same channel belong to other parts of the call. */
export const LIVE_FRAME_TAG = 0x10;
/** Format version carried in the second byte; a receiver refuses any other. */
export const LIVE_FRAME_VERSION = 1;

/** Bounds both sides enforce, so a frame that decodes can always be encoded again. */
export const LIVE_LIMITS = {
  /** UTF-8 bytes in any one string (a device name in Chinese is ~3 bytes a character). */
  stringBytes: 1024,
  /** Channels a stream may declare; a waveform names its subset as a 32-bit mask. */
  channels: 32,
  /** Samples per channel in one waveform frame (a 100 ms batch at 500 Hz is 50). */
  samples: 4096,
  /** Components of one reading (blood pressure has two). */
  components: 16,
  /** Stream ids the sender may assign. */
  maxStreamId: 0xffff,
} as const;

/** One part of a composite reading, e.g. the systolic pressure of a blood-pressure reading. */
export interface LiveComponent {
  readonly loinc: string;
  /** Exactly as the device gave it; carried as a float64, never rounded. */
  readonly value: number;
  /** UCUM code. */
  readonly unit: string;
  readonly interpretation: Interpretation | null;
}

/** A value a device measured, as it measured it. */
export interface LiveReading {
  /** The reading kind the record uses ("spo2", "pulse", "bloodPressure" …). */
  readonly kind: string;
  readonly loinc: string;
  readonly value: number;
  readonly unit: string;
  /** Absent and empty are kept apart on the wire. */
  readonly components?: readonly LiveComponent[];
  readonly interpretation: Interpretation | null;
  /** When the device measured it, ms since the epoch. */
  readonly measuredAt: number;
  /** The device's display name. */
  readonly device: string;
}

/**
 * Describes one sample stream. The sender repeats it (every few seconds and whenever it
 * changes) because the frame that first carried it may be lost. A stream id is never reused
 * for a different numbering of samples: a replugged device that restarts at 0 gets a new id.
 */
export interface LiveStreamInfo {
  readonly id: number;
  readonly device: string;
  /** The device category, e.g. "ecg" or "oximeter". */
  readonly kind: string;
  /** e.g. ["I","II","III",…] or ["pleth"]. */
  readonly channels: readonly string[];
  readonly sampleRate: number;
  /** UCUM unit of the samples, e.g. "uV", or "1" for device units. */
  readonly unit: string;
}

/** A run of consecutive samples of some channels of a stream. */
export interface LiveWaveform {
  readonly stream: number;
  /** Index in the stream of the first sample (same numbering as the device's Waveform.seq). */
  readonly seq: number;
  /** Indexes into the stream's channels, strictly ascending; samples[k] belongs to channels[k]. */
  readonly channels: readonly number[];
  /**
   * The device's claim that every sample is an integer multiple of this step (µV per count for
   * an ECG), or null. Carried as given; the codec uses it only when the claim holds exactly.
   */
  readonly resolution: number | null;
  /** samples[k][i]: every channel holds the same number of samples. */
  readonly samples: readonly (readonly number[])[];
}

/** `count` samples from `seq` on were lost at the device and will never arrive. */
export interface LiveGap {
  readonly stream: number;
  readonly seq: number;
  readonly count: number;
}

/** What every frame carries besides its message. */
interface LiveEnvelope {
  /** Counts frames on this channel, wrapping after 2^32 − 1. */
  readonly frameSeq: number;
  /** When the station sent it, ms since the epoch (fractions allowed). */
  readonly sentAt: number;
}

/** One message on the live channel. */
export type LiveFrame =
  | (LiveEnvelope & { readonly type: 'reading'; readonly reading: LiveReading })
  | (LiveEnvelope & { readonly type: 'stream'; readonly stream: LiveStreamInfo })
  | (LiveEnvelope & { readonly type: 'waveform'; readonly waveform: LiveWaveform })
  | (LiveEnvelope & { readonly type: 'gap'; readonly gap: LiveGap });

/** Why bytes were not a live frame. */
export type LiveDecodeError = 'truncated' | 'bad-tag' | 'bad-version' | 'unknown-type' | 'malformed';

export type LiveDecodeResult = { ok: true; frame: LiveFrame } | { ok: false; error: LiveDecodeError };
