import type { ByteTransport } from '../core/transport.js';
import { encodeDownload } from './legacy-download-frame.js';
import { encodeLegacyLive } from './legacy-frame.js';
import { SimulatorCore } from './simulator-core.js';
import type { SampleState, SimulatorOptions } from './simulator-core.js';

/**
 * A legacy CMS50D+ (≤ 4.5): streams 5-byte packets from power-on, answers F5 F5 with its
 * stored data and goes back to streaming on F6 F6 F6. With nothing stored it sends nothing:
 * the length field cannot say zero and the source does not say what a real unit does.
 */
export class LegacySimulator extends SimulatorCore {
  private recent: number[] = [];
  private powered = false;

  constructor(transport: ByteTransport, options: SimulatorOptions = {}) {
    super(transport, options);
  }

  /** Switches the device on: it starts streaming without being asked. */
  powerOn(): void {
    this.powered = true;
    this.startStreaming();
  }

  probeError(on = true): void {
    this.condition = { ...this.condition, probeError: on };
  }

  protected fromHost(chunk: Uint8Array): void {
    for (const b of chunk) {
      this.recent = [...this.recent.slice(-2), b];
      if (!this.powered) continue;
      const [x, y, z] = [-3, -2, -1].map((i) => this.recent.at(i));
      if (y === 0xf5 && z === 0xf5) {
        this.recent = [];
        this.stopStreaming();
        if (this.stored.length > 0) this.sendPaced(encodeDownload(this.stored));
      } else if (x === 0xf6 && y === 0xf6 && z === 0xf6) {
        this.recent = [];
        this.startStreaming();
      }
    }
  }

  protected encode(s: SampleState): Uint8Array {
    return encodeLegacyLive({
      signal: s.fingerOut ? 0 : 7,
      fingerOut: s.fingerOut,
      spo2Dropping: false,
      beep: s.beat,
      pleth: s.pleth,
      bar: s.pleth >> 3,
      probeError: s.probeError,
      searching: s.searching,
      pulse: s.pulse,
      spo2: s.spo2,
    });
  }

  /** Sets bit 7 of the pulse byte: a second sync bit, which the framing rejects. */
  protected breakFraming(frame: Uint8Array): Uint8Array {
    const out = frame.slice();
    out[3] = (out[3] ?? 0) | 0x80;
    return out;
  }
}
