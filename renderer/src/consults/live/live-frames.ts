import type { CallMode, DeviceInfo, LiveEvent, PendingReading } from '../../../../contract/index.js';
import type { LiveFrame, LiveReading, LiveStreamInfo } from '../../../../contract/consults/live-frame-types.js';
import { LIVE_LIMITS } from '../../../../contract/consults/live-frame-types.js';
import { channelsToSend } from './lead-choice.js';
import { WaveBatch } from './wave-batch.js';
import type { WaveRun } from './wave-batch.js';

type WithoutEnvelope<T> = T extends unknown ? Omit<T, 'frameSeq' | 'sentAt'> : never;

/** A frame before the link numbers and stamps it. */
export type LiveMessage = WithoutEnvelope<LiveFrame>;

/** A stream's descriptor is sent again this often, since the frame that first carried it may be lost. */
export const STREAM_REPEAT_MS = 3_000;
/** Sample bytes one waveform frame may carry at worst (float64), well under a data channel message. */
export const FRAME_SAMPLE_BYTES = 16 * 1024;
/** Reading ids remembered so a feed that replays its pending readings does not send them twice. */
const SENT_MEMORY = 500;

interface Stream {
  readonly info: LiveStreamInfo;
  /** Sequence number after the last sample seen. */
  next: number;
  lastSentAt: number;
  /** Samples held until there are enough for a frame. */
  readonly batch: WaveBatch;
}

const sameShape = (s: LiveStreamInfo, e: Extract<LiveEvent, { type: 'waveform' }>) =>
  s.sampleRate === e.sampleRate &&
  s.unit === e.unit &&
  s.channels.length === e.channels.length &&
  s.channels.every((c, i) => c === e.channels[i]);

function readingOf(r: PendingReading): LiveReading {
  const base = {
    kind: r.kind,
    loinc: r.loinc,
    value: r.value,
    unit: r.unit,
    interpretation: r.interpretation,
    measuredAt: Date.parse(r.measuredAt),
    device: r.device,
  };
  if (r.components === undefined) return base;
  const components = r.components.map((c) => ({
    loinc: c.loinc,
    value: c.value,
    unit: c.unit,
    interpretation: c.interpretation,
  }));
  return { ...base, components };
}

/**
 * Turns the station's live device feed into live-channel messages for the specialist: new
 * measurements, stream descriptors (repeated), waveform runs (on a thin link an ECG's lead II
 * only) and gaps. Every value goes out exactly as the device gave it. Stored readings (read
 * from a device's memory) and ID cards are not vitals measured now and are not sent.
 */
export class LiveFrameBuilder {
  private readonly devices = new Map<string, DeviceInfo>();
  private readonly streams = new Map<string, Stream>();
  private readonly sent = new Set<string>();
  private nextStreamId = 0;

  /** The messages one feed event becomes, in sending order. */
  messages(event: LiveEvent, mode: CallMode | null, now: number): LiveMessage[] {
    switch (event.type) {
      case 'devices':
        return this.onDevices(event.devices);
      case 'reading':
        return this.onReading(event.reading);
      case 'waveform':
        return this.onWaveform(event, mode, now);
      case 'gap': {
        const stream = this.streams.get(event.deviceKey);
        if (!stream) return [];
        stream.next = Math.max(stream.next, event.seq + event.count);
        // What was held before the gap goes first, so the console sees the stream in order.
        return [
          ...this.frames(stream, stream.batch.flush()),
          { type: 'gap', gap: { stream: stream.info.id, seq: event.seq, count: event.count } },
        ];
      }
      case 'hello':
      case 'skipped':
      case 'id-card':
        return [];
    }
  }

  /** Held waveform that has waited its time, for when no new event comes to carry it out. */
  due(now: number): LiveMessage[] {
    return [...this.streams.values()].flatMap((stream) => this.frames(stream, stream.batch.due(now)));
  }

  /** Whether some waveform is held back for a fuller frame. */
  holding(): boolean {
    return [...this.streams.values()].some((stream) => stream.batch.holding());
  }

  private onDevices(devices: readonly DeviceInfo[]): LiveMessage[] {
    this.devices.clear();
    for (const d of devices) this.devices.set(d.key, d);
    const out: LiveMessage[] = [];
    // A device that went away may number its samples from 0 again: it gets a new stream id.
    for (const [key, stream] of [...this.streams]) {
      const d = this.devices.get(key);
      if (d && d.state !== 'disconnected') continue;
      out.push(...this.frames(stream, stream.batch.flush()));
      this.streams.delete(key);
    }
    return out;
  }

  /** Frames for runs of a stream, each within FRAME_SAMPLE_BYTES. */
  private frames(stream: Stream, runs: readonly WaveRun[]): LiveMessage[] {
    const out: LiveMessage[] = [];
    for (const run of runs) {
      const count = run.samples[0]?.length ?? 0;
      const perFrame = Math.max(
        1,
        Math.min(LIVE_LIMITS.samples, Math.floor(FRAME_SAMPLE_BYTES / (8 * run.channels.length))),
      );
      for (let from = 0; from < count; from += perFrame) {
        const to = Math.min(count, from + perFrame);
        out.push({
          type: 'waveform',
          waveform: {
            stream: stream.info.id,
            seq: run.seq + from,
            channels: [...run.channels],
            resolution: null,
            samples: run.samples.map((s) => s.slice(from, to)),
          },
        });
      }
    }
    return out;
  }

  private onReading(r: PendingReading): LiveMessage[] {
    if (r.stored || this.sent.has(r.id)) return [];
    this.sent.add(r.id);
    if (this.sent.size > SENT_MEMORY) this.sent.delete(this.sent.values().next().value as string);
    return [{ type: 'reading', reading: readingOf(r) }];
  }

  private streamFor(
    e: Extract<LiveEvent, { type: 'waveform' }>,
  ): { stream: Stream; fresh: boolean; before: LiveMessage[] } | null {
    const known = this.streams.get(e.deviceKey);
    if (known && sameShape(known.info, e) && e.seq >= known.next) return { stream: known, fresh: false, before: [] };
    // The old stream's held samples go out under its own id before a new one replaces it.
    const before = known ? this.frames(known, known.batch.flush()) : [];
    if (e.channels.length < 1 || e.channels.length > LIVE_LIMITS.channels) return null;
    const device = this.devices.get(e.deviceKey);
    const info: LiveStreamInfo = {
      id: this.nextStreamId,
      device: device ? `${device.manufacturer} ${device.model}`.trim() : e.deviceKey,
      kind: device?.category ?? 'unknown',
      channels: [...e.channels],
      sampleRate: e.sampleRate,
      unit: e.unit,
    };
    this.nextStreamId = (this.nextStreamId + 1) % (LIVE_LIMITS.maxStreamId + 1);
    const stream: Stream = { info, next: e.seq, lastSentAt: -Infinity, batch: new WaveBatch(e.sampleRate) };
    this.streams.set(e.deviceKey, stream);
    return { stream, fresh: true, before };
  }

  private onWaveform(e: Extract<LiveEvent, { type: 'waveform' }>, mode: CallMode | null, now: number): LiveMessage[] {
    const found = this.streamFor(e);
    if (!found) return [];
    const { stream } = found;
    const out: LiveMessage[] = [...found.before];
    if (found.fresh || now - stream.lastSentAt >= STREAM_REPEAT_MS) {
      stream.lastSentAt = now;
      out.push({ type: 'stream', stream: stream.info });
    }
    const channels = channelsToSend(stream.info.kind, stream.info.channels, mode);
    const count = Math.min(...channels.map((c) => e.samples[c]?.length ?? 0));
    const samples = channels.map((c) => (e.samples[c] as number[]).slice(0, count));
    out.push(...this.frames(stream, stream.batch.add(e.seq, channels, samples, now)));
    stream.next = e.seq + count;
    return out;
  }
}
