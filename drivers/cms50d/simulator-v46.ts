import type { ByteTransport } from '../core/transport.js';
import type { StoredReading } from './legacy-download-frame.js';
import { CommandReader, V46_OP } from './v46-commands.js';
import { encodeV46 } from './v46-frame.js';
import { storedPackets } from './v46-stored.js';
import { SimulatorCore } from './simulator-core.js';
import type { SampleState, SimulatorOptions } from './simulator-core.js';

export interface V46SimulatorOptions extends SimulatorOptions {
  /**
   * The stream ends this long after the last start or keep-alive. MarkMLl saw runs of a fixed
   * 30 s without keep-alives; headrotor sends one every 100 packets. Default 30 000 ms.
   */
  readonly keepAliveTimeoutMs?: number;
}

/**
 * A CMS50D+ with firmware 4.6 / CMS50E: silent until A1, streams 9-byte packets while kept
 * alive, stops on A2, and on A6 sends its stored data as 8-byte packets and then goes quiet.
 * The sources document no probe-error flag for 4.6, so this simulator has none.
 */
export class V46Simulator extends SimulatorCore {
  private readonly commands = new CommandReader();
  private readonly keepAliveTimeoutMs: number;
  private lastKeepAlive = 0;
  private readonly watchdog: NodeJS.Timeout;
  /** Op codes received, in order (tests check the keep-alive schedule with it). */
  readonly received: number[] = [];

  constructor(transport: ByteTransport, options: V46SimulatorOptions = {}) {
    super(transport, options);
    this.keepAliveTimeoutMs = options.keepAliveTimeoutMs ?? 30_000;
    this.watchdog = setInterval(() => {
      if (this.isStreaming && Date.now() - this.lastKeepAlive > this.keepAliveTimeoutMs) this.stopStreaming();
    }, 20);
    this.watchdog.unref();
  }

  override stop(): void {
    clearInterval(this.watchdog);
    super.stop();
  }

  protected fromHost(chunk: Uint8Array): void {
    for (const op of this.commands.push(chunk)) {
      this.received.push(op);
      if (op === V46_OP.start || op === V46_OP.keepAlive) this.lastKeepAlive = Date.now();
      if (op === V46_OP.start) this.startStreaming();
      if (op === V46_OP.stop) this.stopStreaming();
      if (op === V46_OP.dumpStored) {
        this.stopStreaming();
        this.sendPaced(Uint8Array.from(storedPackets(this.stored).flatMap((p) => Array.from(encodeV46(p)))));
      }
    }
  }

  protected override validate(r: Partial<StoredReading>): void {
    if ((r.pulse ?? 0) > 127) throw new RangeError(`pulse ${r.pulse}: the sources show no way to send it live on 4.6`);
  }

  protected encode(s: SampleState): Uint8Array {
    return encodeV46({
      kind: 'live',
      status: 0x60 | (s.fingerOut ? 0x01 : 0) | (s.searching ? 0x02 : 0),
      info: (s.fingerOut ? 0 : 5) | (s.beat ? 0x40 : 0),
      pleth: s.pleth,
      aux: 22,
      pulse: s.pulse,
      spo2: s.spo2,
    });
  }

  /** Clears bit 7 of the SpO2 byte, which every byte after the type byte must have. */
  protected breakFraming(frame: Uint8Array): Uint8Array {
    const out = frame.slice();
    out[6] = (out[6] ?? 0) & 0x7f;
    return out;
  }
}
