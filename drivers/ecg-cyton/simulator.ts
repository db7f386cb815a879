import { concatBytes } from '../core/byte-buffer.js';
import type { ByteTransport } from '../core/transport.js';
import { MEASURED_LEADS } from './leads.js';
import {
  AUX_LENGTH,
  COMMAND,
  END_OF_TEXT,
  FOOTER_MIN,
  MAX_COUNT,
  MIN_COUNT,
  PACKET_LENGTH,
  encodePacket,
  microvoltsPerCount,
} from './protocol.js';
import type { CytonSampleRate } from './protocol.js';
import { syntheticRecording } from './recordings.js';
import type { EcgRecording } from './recordings.js';

export interface CytonSimulatorOptions {
  /** The signal to play at a given rate (looped); the synthetic model by default. */
  readonly recording?: (sampleRate: CytonSampleRate) => EcgRecording;
  /** Gain the counts are encoded at (24, as after a reset). */
  readonly gain?: number;
  /** ADC reference in volts (4.5, the ADS1299's). */
  readonly referenceVolts?: number;
  /** Firmware version the banner states; null prints a v1 banner, with no `~` command. */
  readonly firmware?: string | null;
  /** How often packets go out, in ms: a real link delivers them in small bursts too. */
  readonly burstMs?: number;
}

type Fault =
  | { readonly kind: 'drop'; readonly count: number }
  | { readonly kind: 'corrupt-footer' | 'corrupt-header' }
  | { readonly kind: 'truncate'; readonly bytes: number }
  | { readonly kind: 'garbage'; readonly bytes: Uint8Array };

const RATE_CODES: Readonly<Record<string, CytonSampleRate>> = { '5': 500, '6': 250 };
const ascii = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));

/**
 * The board's side of the link, byte for byte: answers `v` with the reset banner, `~n` with
 * the sample-rate reply, streams packets after `b` at the real rate (wall clock, sent in
 * bursts) and stops on `s`. Faults are injected by the test: dropped packets (the counter
 * jumps), a corrupted or truncated frame, garbage bytes; a pulled cable is the caller's
 * (kill the socat pair, or unplug the byte pipe).
 */
export class CytonSimulator {
  private readonly scale: number;
  private readonly firmware: string | null;
  private readonly burstMs: number;
  private readonly recordingFor: (sampleRate: CytonSampleRate) => EcgRecording;
  private readonly recordings = new Map<CytonSampleRate, EcgRecording>();
  private rate: CytonSampleRate = 250;
  private timer: NodeJS.Timeout | null = null;
  private streamStart = 0;
  /** Packets produced since `b` (sent or dropped): the next packet's sample index. */
  private produced = 0;
  private pendingCommand = '';
  private readonly faults = new Map<number, Fault>();
  /** Packets below this index are being dropped. */
  private skipUntil = 0;
  private linkOpen = true;
  /** What was sent broken or not at all: `count` packets from sample index `at`. */
  readonly lost: { at: number; count: number; fault: Exclude<Fault['kind'], 'garbage'> }[] = [];
  /** Everything the host sent, for tests to check. */
  readonly received: string[] = [];
  /** Packets actually put on the wire since `b`. */
  sent = 0;

  constructor(
    private readonly transport: ByteTransport,
    options: CytonSimulatorOptions = {},
  ) {
    this.scale = microvoltsPerCount(options.gain ?? 24, options.referenceVolts);
    this.firmware = options.firmware === undefined ? '3.1.1' : options.firmware;
    this.burstMs = options.burstMs ?? 20;
    this.recordingFor = options.recording ?? ((rate) => syntheticRecording(rate));
    // Loading a recording takes a moment: do it now, not when the host is waiting for packets.
    this.recording();
    transport.onData((chunk) => this.onCommand(chunk));
    transport.onClose(() => {
      this.linkOpen = false;
      this.stopStreaming();
    });
  }

  get streaming(): boolean {
    return this.timer !== null;
  }

  get sampleRate(): CytonSampleRate {
    return this.rate;
  }

  /** Packets from sample index `at` (the next one by default) on are not sent; the counter still advances. */
  dropPackets(count: number, at = this.produced): void {
    this.faults.set(at, { kind: 'drop', count });
  }

  /** The packet at `at` goes out with a broken footer (or header): framing catches it. */
  corruptPacket(where: 'footer' | 'header' = 'footer', at = this.produced): void {
    this.faults.set(at, { kind: where === 'footer' ? 'corrupt-footer' : 'corrupt-header' });
  }

  /** The packet at `at` goes out cut after `bytes` bytes, as if the radio lost its tail. */
  truncatePacket(bytes = 20, at = this.produced): void {
    this.faults.set(at, { kind: 'truncate', bytes });
  }

  /** Bytes slipped in before the packet at `at`; no packet is lost. */
  injectGarbage(bytes: Uint8Array, at = this.produced): void {
    this.faults.set(at, { kind: 'garbage', bytes: bytes.slice() });
  }

  /** Packets produced since `b`: the next packet's sample index. */
  get position(): number {
    return this.produced;
  }

  /** The 8 channel values (µV) of sample `index` at the current rate, as the board measured them. */
  sample(index: number): number[] {
    const recording = this.recording();
    const length = recording.leads[0]?.length ?? 1;
    return MEASURED_LEADS.map((_, lead) => recording.leads[lead]?.[index % length] ?? 0);
  }

  /** Counts for sample `index`: µV at the gain, rounded to the ADC step and clipped to 24 bits. */
  counts(index: number): Int32Array {
    return Int32Array.from(this.sample(index), (uV) =>
      Math.min(MAX_COUNT, Math.max(MIN_COUNT, Math.round(uV / this.scale))),
    );
  }

  stop(): void {
    this.stopStreaming();
  }

  private recording(): EcgRecording {
    let recording = this.recordings.get(this.rate);
    if (!recording) {
      recording = this.recordingFor(this.rate);
      this.recordings.set(this.rate, recording);
    }
    return recording;
  }

  private onCommand(chunk: Uint8Array): void {
    for (const byte of chunk) {
      const c = String.fromCharCode(byte);
      this.received.push(c);
      if (this.pendingCommand === COMMAND.sampleRate) {
        this.pendingCommand = '';
        this.onSampleRate(c);
      } else if (c === COMMAND.reset) {
        this.stopStreaming();
        this.reply(this.banner());
      } else if (c === COMMAND.start) this.startStreaming();
      else if (c === COMMAND.stop) this.stopStreaming();
      // Boards before v3 do not know `~` and ignore it, as they ignore any unknown byte.
      else if (c === COMMAND.sampleRate && this.firmwareMajor() >= 3) this.pendingCommand = c;
    }
  }

  private onSampleRate(code: string): void {
    if (code === COMMAND.sampleRate) return this.reply(`Sample rate is ${this.rate}Hz${END_OF_TEXT}`);
    const rate = RATE_CODES[code];
    // The board knows more rates (16 kHz down to 1 kHz); this front end is simulated at two.
    if (!rate) return this.reply(`Failure: sample rate ${code} not simulated${END_OF_TEXT}`);
    this.rate = rate;
    this.recording();
    this.reply(`Sample rate set to ${rate}Hz${END_OF_TEXT}`);
  }

  private firmwareMajor(): number {
    return this.firmware ? Number.parseInt(this.firmware, 10) : 1;
  }

  private banner(): string {
    const lines = this.firmware
      ? ['OpenBCI V3 8-16 channel', 'ADS1299 Device ID: 0x3E', 'LIS3DH Device ID: 0x33', `Firmware: v${this.firmware}`]
      : ['OpenBCI V3 16 channel', 'ADS1299 Device ID: 0x3E', 'LIS3DH Device ID: 0x33'];
    return `${lines.join('\n')}\n${END_OF_TEXT}`;
  }

  private reply(text: string): void {
    this.write(ascii(text));
  }

  private startStreaming(): void {
    if (this.timer) return;
    this.streamStart = performance.now();
    this.produced = 0;
    this.skipUntil = 0;
    this.sent = 0;
    this.timer = setInterval(() => this.pump(), this.burstMs);
    this.pump();
  }

  private stopStreaming(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Sends every packet that is due by now, as one write. */
  private pump(): void {
    const due = Math.floor(((performance.now() - this.streamStart) * this.rate) / 1000) + 1;
    const parts: Uint8Array[] = [];
    for (; this.produced < due; this.produced++) {
      const index = this.produced;
      const fault = this.faults.get(index);
      this.faults.delete(index);
      if (fault?.kind === 'drop') {
        this.lost.push({ at: index, count: fault.count, fault: fault.kind });
        this.skipUntil = index + fault.count;
      }
      if (index < this.skipUntil) continue;
      if (fault?.kind === 'garbage') parts.push(fault.bytes);
      const packet = encodePacket({
        counter: index & 0xff,
        counts: this.counts(index),
        aux: new Uint8Array(AUX_LENGTH),
        footer: FOOTER_MIN,
      });
      if (fault?.kind === 'corrupt-footer') packet[PACKET_LENGTH - 1] = 0x00;
      if (fault?.kind === 'corrupt-header') packet[0] = 0x00;
      if (fault && fault.kind !== 'garbage' && fault.kind !== 'drop')
        this.lost.push({ at: index, count: 1, fault: fault.kind });
      parts.push(fault?.kind === 'truncate' ? packet.slice(0, fault.bytes) : packet);
      this.sent++;
    }
    if (parts.length > 0) this.write(concatBytes(parts));
  }

  private write(bytes: Uint8Array): void {
    if (!this.linkOpen) return;
    this.transport.write(bytes).catch(() => {
      // The cable is gone; the close listener stops the stream.
      this.linkOpen = false;
      this.stopStreaming();
    });
  }
}
