import { decodeLiveFrame } from '../../../../contract/consults/live-frame.js';
import type {
  LiveComponent,
  LiveFrame,
  LiveStreamInfo,
  LiveWaveform,
} from '../../../../contract/consults/live-frame-types.js';
import type { Interpretation } from '../../../../contract/records/visit.js';
import type { ClockSample } from '../../../../renderer/components/call/index.js';
import { kindOfLoinc } from '../../../../renderer/components/vitals/vital-kinds.js';
import { WaveRing } from '../../../../renderer/components/waveform/wave-ring.js';
import type { WaveSource } from '../../../../renderer/components/waveform/wave-ring.js';

/** Seconds of live waveform kept: a sweep of the ECG sheet and a little more. */
export const LIVE_RING_SECONDS = 12;

/** The latest value of one kind from the station, exactly as the device gave it. */
export interface LiveValue {
  /** The record's reading kind ("spo2", "heartRate", "bloodPressure"), else the sender's own word. */
  readonly kind: string;
  readonly loinc: string;
  readonly value: number;
  readonly unit: string;
  readonly interpretation: Interpretation | null;
  /** The parts of a composite reading (systolic and diastolic of a blood pressure). */
  readonly components: readonly LiveComponent[];
  readonly device: string;
  /** Station clock, ms. */
  readonly measuredAt: number;
  /** Station clock, ms: when the frame left. */
  readonly sentAt: number;
  /** This page's clock, ms. */
  readonly receivedAt: number;
  /**
   * When it was measured on this page's clock (via the call's clock-offset estimate when it
   * came), or null when the call had no estimate yet: then its time in transit is unknown.
   */
  readonly measuredHere: number | null;
}

type Timing = Pick<LiveValue, 'measuredAt' | 'sentAt' | 'receivedAt' | 'measuredHere'>;

/** A value that arrived more than this long after it was measured is shown as delayed. */
export const LIVE_DELAYED_MS = 10_000;

/** `measuredAt` on this page's clock, given the station's clock minus this one's. */
export function measuredHere(measuredAt: number, offset: ClockSample | null): number | null {
  return offset ? measuredAt - offset.offsetMs : null;
}

/**
 * How old a value is now. With a clock estimate: now minus when it was measured, transit
 * included. Without one only a lower bound is known: its age when sent plus the time since it
 * came (the time in the channel left out), so `liveAgeKnown` is false.
 */
export function liveAgeMs(value: Timing, now: number): number {
  if (value.measuredHere !== null) return Math.max(0, now - value.measuredHere);
  return Math.max(0, value.sentAt - value.measuredAt + (now - value.receivedAt));
}

/** Whether `liveAgeMs` includes the time the value spent on its way here. */
export function liveAgeKnown(value: Timing): boolean {
  return value.measuredHere !== null;
}

/** How old the value was when it got here (a lower bound without a clock estimate). */
export function arrivalAgeMs(value: Timing): number {
  return liveAgeMs(value, value.receivedAt);
}

/** Whether the value reached this page late: it must not pass for one just measured. */
export function liveDelayed(value: Timing): boolean {
  return arrivalAgeMs(value) > LIVE_DELAYED_MS;
}

/** Counts of what came over the channel, for the bench and for spotting a broken feed. */
export interface FeedCounts {
  frames: number;
  rejected: number;
  /** Frames the frame numbers say never came (lost or still to come out of order). */
  missed: number;
  /** Waveform batches dropped: for a stream not yet described, or older than what is drawn. */
  droppedBatches: number;
}

/**
 * The live feed of one call: the latest reading per kind and a ring per waveform stream.
 * Frames stand alone and may be lost or reordered: a reading older than the one shown is
 * kept out, and a batch older than the ring's head is dropped (its place is already missing).
 */
export class LiveFeed {
  readonly values = new Map<string, LiveValue>();
  readonly counts: FeedCounts = { frames: 0, rejected: 0, missed: 0, droppedBatches: 0 };
  private readonly streams = new Map<number, LiveStreamInfo>();
  private readonly rings = new Map<number, WaveRing>();
  private lastFrameSeq: number | null = null;
  private ecgStream: number | null = null;
  /** Bumped whenever a value changes, so a screen knows to render again. */
  version = 0;

  /** Takes one data-channel message; false when it was not a live frame (another part of the call, or damaged). */
  receive(bytes: Uint8Array, receivedAt: number, offset: ClockSample | null = null): boolean {
    const result = decodeLiveFrame(bytes);
    if (!result.ok) {
      this.counts.rejected++;
      return false;
    }
    this.apply(result.frame, receivedAt, offset);
    return true;
  }

  /** Applies one decoded frame; `offset` is the call's estimate of the station's clock minus this one's. */
  apply(frame: LiveFrame, receivedAt: number, offset: ClockSample | null = null): void {
    this.counts.frames++;
    this.countSeq(frame.frameSeq);
    switch (frame.type) {
      case 'reading': {
        const r = frame.reading;
        const kind = kindOfLoinc(r.loinc) ?? r.kind;
        const shown = this.values.get(kind);
        if (shown && shown.measuredAt > r.measuredAt) return;
        this.values.set(kind, {
          kind,
          loinc: r.loinc,
          value: r.value,
          unit: r.unit,
          interpretation: r.interpretation,
          components: r.components ?? [],
          device: r.device,
          measuredAt: r.measuredAt,
          sentAt: frame.sentAt,
          receivedAt,
          measuredHere: measuredHere(r.measuredAt, offset),
        });
        this.version++;
        return;
      }
      case 'stream':
        this.describe(frame.stream);
        return;
      case 'waveform':
        this.write(frame.waveform);
        return;
      case 'gap':
        this.rings.get(frame.gap.stream)?.markMissing(frame.gap.seq, frame.gap.count);
        return;
    }
  }

  /** The ECG to draw: the ECG stream that sent last, or null when none is recording. */
  ecg(): WaveSource | null {
    return this.ecgStream === null ? null : (this.rings.get(this.ecgStream) ?? null);
  }

  /** The stream behind `ecg()`, for the trace's label. */
  ecgInfo(): LiveStreamInfo | null {
    return this.ecgStream === null ? null : (this.streams.get(this.ecgStream) ?? null);
  }

  private countSeq(seq: number): void {
    const last = this.lastFrameSeq;
    if (last !== null) {
      const ahead = (seq - last) >>> 0;
      // Within half the 32-bit range ahead is newer; anything else is a late frame.
      if (ahead > 0 && ahead < 0x8000_0000) this.counts.missed += ahead - 1;
      else return;
    }
    this.lastFrameSeq = seq;
  }

  private describe(stream: LiveStreamInfo): void {
    this.streams.set(stream.id, stream);
    const ring = this.rings.get(stream.id);
    if (ring?.fits(stream.channels, stream.sampleRate, stream.unit)) return;
    const capacity = Math.max(1, Math.round(stream.sampleRate * LIVE_RING_SECONDS));
    this.rings.set(stream.id, new WaveRing(stream.channels, stream.sampleRate, stream.unit, capacity));
  }

  private write(w: LiveWaveform): void {
    const ring = this.rings.get(w.stream);
    const info = this.streams.get(w.stream);
    // A stream id never restarts its numbering, so a batch behind the head is a late one.
    if (!ring || !info || (ring.head > 0 && w.seq < ring.head)) {
      this.counts.droppedBatches++;
      return;
    }
    const samples: (readonly number[])[] = info.channels.map(() => []);
    w.channels.forEach((channel, k) => {
      if (channel < samples.length) samples[channel] = w.samples[k] ?? [];
    });
    ring.write(w.seq, samples);
    if (info.kind === 'ecg') this.ecgStream = w.stream;
  }
}
