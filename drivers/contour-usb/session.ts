import { DownloadSession } from '../core/download-session.js';
import { DriverError } from '../core/errors.js';
import type { DriverErrorKind } from '../core/errors.js';
import type { DeviceIdentity, Measurement } from '../core/events.js';
import { withTimeout } from '../core/exchange.js';
import type { ReportTransport } from '../core/transport.js';
import { ACK, ENQ, EOT, NAK, AstmFrameDecoder } from './astm-frame.js';
import type { AstmFrame } from './astm-frame.js';
import { DEFAULT_DELIMITERS, parseRecord } from './astm-records.js';
import type { Delimiters } from './astm-records.js';
import { glucoseOf } from './glucose.js';
import { continues, hostReport, meterData } from './hid-reports.js';

export interface ContourSessionOptions {
  /** How long one report from the meter may take (the source reads without a timeout). */
  readonly reportTimeoutMs?: number;
  /** Frames refused in a row before giving up: E1381's sender aborts after six. */
  readonly maxRejections?: number;
  /** EOTs sent to a meter that answers NAK before giving up. */
  readonly establishAttempts?: number;
}

/** One message from the meter: its reports' data run together, and the frames found in it. */
interface Message {
  readonly bytes: Uint8Array;
  readonly frames: readonly AstmFrame[];
  /** Frames in it that failed framing or checksum. */
  readonly dropped: number;
}

/** A meter message longer than this many reports is not one (the longest record is ~200 bytes). */
const MAX_REPORTS = 16;

/**
 * A Contour USB glucometer on USB HID, in data-transfer mode. The download is the receiver's
 * side of ASTM E1381 as glucometerutils' `sync` plays it: send EOT; answer the meter's ENQ with
 * ACK; ACK each frame that is whole and in sequence, NAK any other (the meter sends it again, up
 * to six times); stop at the meter's EOT. A repeat of the frame just acknowledged (its ACK got
 * lost) is acknowledged again and not read twice. Each frame holds one E1394 record.
 *
 * Every glucose reading is emitted as a measurement when its frame is acknowledged, and the
 * download resolves with all of them. Frames refused for a bad checksum never yield a reading;
 * if the meter gives up on one, the transfer ends early and an error event says so. A failure
 * of the link (unplugged, no answer) rejects the download; the readings emitted before it are
 * the ones that arrived whole.
 */
export class ContourSession extends DownloadSession {
  private readonly decoder = new AstmFrameDecoder();
  private readonly reportTimeoutMs: number;
  private readonly maxRejections: number;
  private readonly establishAttempts: number;
  private meter: Partial<Pick<DeviceIdentity, 'serialNumber' | 'firmware'>> = {};

  constructor(
    transport: ReportTransport,
    private readonly base: DeviceIdentity,
    options: ContourSessionOptions = {},
  ) {
    super(transport, 'glucose.closed');
    this.reportTimeoutMs = options.reportTimeoutMs ?? 3_000;
    this.maxRejections = options.maxRejections ?? 6;
    this.establishAttempts = options.establishAttempts ?? 10;
  }

  /** The port's identity, with serial number and firmware once a header has told them. */
  get identity(): DeviceIdentity {
    return { ...this.base, ...this.meter };
  }

  // The meter holds stored readings only: connecting, the queue and closing are DownloadSession's.
  protected async downloadNow(): Promise<Measurement[]> {
    const readings: Measurement[] = [];
    const transfer = new Transfer();
    let reply = EOT;
    try {
      for (;;) {
        const message = await this.exchange(reply);
        const last = message.bytes.at(-1);
        if (transfer.establishing && last === ENQ) {
          // The meter is ready; a header sent along with the ENQ is sent again after the ACK.
          [reply, transfer.expected] = [ACK, null];
          continue;
        }
        if (transfer.establishing && last === NAK) {
          if (++transfer.knocks >= this.establishAttempts) {
            throw new DriverError('device', `${this.base.port}: the meter refused the transfer`, 'glucose.busy');
          }
          reply = EOT;
          continue;
        }
        // EOT ends the transfer once frames flow, or when the meter gives up on one it could
        // not get across (E1381: after six refusals), even before the first was accepted.
        if (last === EOT && (!transfer.establishing || transfer.rejected > 0)) break;
        const verdict = transfer.judge(message);
        if (verdict === 'reject') {
          if (++transfer.rejected > this.maxRejections) {
            throw new DriverError(
              transfer.why,
              `${this.base.port}: the meter keeps sending bad frames`,
              'glucose.bad_frames',
            );
          }
          reply = NAK;
          continue;
        }
        reply = ACK;
        if (verdict !== 'repeat') this.take(verdict, transfer, readings);
      }
    } catch (error) {
      throw this.failed(error);
    }
    if (!transfer.terminated) {
      this.report(
        transfer.rejected > 0 ? transfer.why : 'protocol',
        'glucose.transfer_incomplete',
        `the meter ended the transfer before its last record; ${readings.length} reading(s) received`,
      );
    }
    return readings;
  }

  /** Acts on one acknowledged record. */
  private take(frame: AstmFrame, transfer: Transfer, readings: Measurement[]): void {
    const record = parseRecord(frame.text, transfer.delimiters);
    if (!record) {
      this.report('protocol', 'glucose.bad_record', `frame ${frame.number}: not a record the meter should send`);
      return;
    }
    switch (record.type) {
      case 'header':
        transfer.delimiters = record.delimiters;
        transfer.control = false;
        this.meter = {
          ...(record.serial ? { serialNumber: record.serial } : {}),
          ...(record.versions.length > 0 ? { firmware: record.versions.join(' ') } : {}),
        };
        return;
      case 'patient':
        transfer.control = false;
        return;
      case 'order':
        transfer.control = record.control;
        return;
      case 'terminator':
        transfer.terminated = true;
        if (record.code !== 'N' && record.code !== '') {
          this.report('device', 'glucose.meter_aborted', `the meter ended with termination code "${record.code}"`);
        }
        return;
      case 'result': {
        const outcome = glucoseOf(record, transfer.control);
        if (outcome.kind === 'invalid') this.report('protocol', 'glucose.bad_result', outcome.reason);
        if (outcome.kind !== 'reading') return;
        readings.push(outcome.measurement);
        this.events.emit(outcome.measurement);
        return;
      }
      case 'other':
        return;
    }
  }

  /** Sends one control character and reads the meter's answer: reports until one is not full. */
  private exchange(control: number): Promise<Message> {
    const guardMs = (MAX_REPORTS + 2) * this.reportTimeoutMs;
    return withTimeout(this.talk(control), guardMs, 'Contour USB exchange');
  }

  private async talk(control: number): Promise<Message> {
    this.ensureOpen();
    await this.transport.write(hostReport(Uint8Array.of(control)));
    this.decoder.reset();
    const parts: number[] = [];
    const frames: AstmFrame[] = [];
    for (let reports = 0; reports < MAX_REPORTS; reports++) {
      this.ensureOpen();
      const report = await this.transport.read(this.reportTimeoutMs);
      const data = meterData(report);
      // A report whose length byte is impossible spoils the message: refuse it whole.
      if (!data) return { bytes: Uint8Array.from(parts), frames: [], dropped: this.decoder.dropped + 1 };
      parts.push(...data);
      frames.push(...this.decoder.push(data));
      if (!continues(report)) break;
    }
    return { bytes: Uint8Array.from(parts), frames, dropped: this.decoder.dropped };
  }
}

/** Where one transfer stands: link phase, frame sequence, record context. */
class Transfer {
  /** Before the first frame is accepted (glucometerutils' ESTABLISH mode). */
  establishing = true;
  /** The frame number that comes next, once the first frame has set it. */
  expected: number | null = null;
  knocks = 0;
  /** Frames refused in a row, and why the last one was. */
  rejected = 0;
  why: DriverErrorKind = 'protocol';
  terminated = false;
  control = false;
  delimiters: Delimiters = DEFAULT_DELIMITERS;

  /** The frame to take from a message, a repeat of the last one, or a refusal. */
  judge(message: Message): AstmFrame | 'repeat' | 'reject' {
    const frame = message.frames[0];
    if (!frame) {
      this.why = message.dropped > 0 ? 'checksum' : 'protocol';
      return 'reject';
    }
    if (this.expected !== null && frame.number === (this.expected + 7) % 8) {
      this.rejected = 0;
      return 'repeat';
    }
    if (this.expected !== null && frame.number !== this.expected) {
      this.why = 'protocol';
      return 'reject';
    }
    this.rejected = 0;
    this.expected = (frame.number + 1) % 8;
    this.establishing = false;
    return frame;
  }
}
