/**
 * Host commands of firmware 4.6: 9 bytes `7D 81 <op> 80 80 80 80 80 80`
 * (headrotor/contec_data:stream_data.py; MarkMLl/Contec_cms50dplus sends the same start).
 */
export const V46_OP = {
  /** Start the live stream. */
  start: 0xa1,
  /** Stop the live stream. */
  stop: 0xa2,
  /** Dump stored data. */
  dumpStored: 0xa6,
  /** Keep-alive, sent about every 100 packets or the stream stops. */
  keepAlive: 0xaf,
} as const;

export type V46Op = (typeof V46_OP)[keyof typeof V46_OP];

export const encodeCommand = (op: number): Uint8Array =>
  Uint8Array.of(0x7d, 0x81, op, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80);

/** Splits what the host sent into command op codes (for the simulator); other bytes are skipped. */
export class CommandReader {
  private pending: number[] = [];

  push(chunk: Uint8Array): number[] {
    this.pending.push(...chunk);
    const ops: number[] = [];
    for (;;) {
      const start = this.pending.indexOf(0x7d);
      if (start < 0) {
        this.pending = [];
        return ops;
      }
      if (this.pending.length - start < 9) {
        this.pending = this.pending.slice(start);
        return ops;
      }
      const frame = this.pending.slice(start, start + 9);
      const ok = frame[1] === 0x81 && frame.slice(3).every((b) => b === 0x80);
      this.pending = this.pending.slice(start + (ok ? 9 : 1));
      if (ok && frame[2] !== undefined) ops.push(frame[2]);
    }
  }
}
