import { deviceClockTime } from '../core/device-clock.js';
import { DownloadSession } from '../core/download-session.js';
import { DriverError, isDriverError } from '../core/errors.js';
import type { DriverErrorKind } from '../core/errors.js';
import type { DeviceIdentity, Measurement } from '../core/events.js';
import { withTimeout } from '../core/exchange.js';
import type { ReportTransport } from '../core/transport.js';
import { CLEAR_BLOCK, END, READINGS_MODE, REPLY_LENGTH, countCommand, recordCommand } from './commands.js';
import { measurementsOf } from './measurements.js';
import { decodeRecord } from './reading.js';
import type { BpRecord } from './reading.js';
import { ReplyReader, countOf, isClearOk, isOff } from './replies.js';
import type { Reply } from './replies.js';
import { MAX_PAYLOAD, payloadOf, toReports } from './reports.js';

export interface OmronSessionOptions {
  /** Memory bank to read (libomron's notes: 0, 1 or 2, "perhaps user A, user B, combined"). */
  readonly bank?: number;
  /** How long one input report may take; libomron waits 1000 ms per transfer. */
  readonly reportTimeoutMs?: number;
  /** How often a command is sent before giving up on it ("NO", bad checksum, garbled reply). */
  readonly attempts?: number;
}

/** Reports read after a clearing block before sending it again: an empty one, then "OK". */
const CLEAR_READS = 3;

type Failed = Exclude<Reply, { kind: 'ok' }>;

const FAILURE: Record<Failed['kind'], { kind: DriverErrorKind; what: string }> = {
  no: { kind: 'device', what: 'refused ("NO")' },
  checksum: { kind: 'checksum', what: 'answered with a bad checksum' },
  garbled: { kind: 'protocol', what: 'answered with a garbled reply' },
};

/**
 * An Omron HEM-790IT-family blood-pressure monitor on USB HID. It measures nothing live; a
 * download sets the readings mode, clears, asks how many readings the bank holds, fetches each
 * one (oldest first) and ends the session, after which the unit switches itself off.
 *
 * Each verified reading is emitted as a measurement the moment it is read, and the download
 * resolves with all of them. A reading the unit refuses or garbles after every attempt is
 * reported as an error event and skipped; the rest still come. A failure of the link itself
 * (unplugged, no answer) rejects the download with that DriverError, also emitted as an error
 * event: the readings emitted before it are the ones that arrived whole.
 */
export class OmronSession extends DownloadSession {
  private readonly bank: number;
  private readonly reportTimeoutMs: number;
  private readonly attempts: number;

  constructor(
    transport: ReportTransport,
    readonly identity: DeviceIdentity,
    options: OmronSessionOptions = {},
  ) {
    super(transport, 'bp.closed');
    this.bank = options.bank ?? 0;
    this.reportTimeoutMs = options.reportTimeoutMs ?? 1_000;
    this.attempts = Math.max(1, options.attempts ?? 3);
  }

  // The unit holds stored readings only: connecting, the queue and closing are DownloadSession's.
  protected async downloadNow(): Promise<Measurement[]> {
    const readings: Measurement[] = [];
    try {
      this.ensureOpen();
      await this.transport.sendFeatureReport(READINGS_MODE);
      await this.clear();
      const count = await this.count();
      // Index 0 is the newest reading; counting down delivers them in the order they were
      // taken, as libomron's own example reads them.
      for (let index = count - 1; index >= 0; index--) {
        const record = await this.record(index, count);
        if (record) readings.push(...this.publish(record, index));
      }
    } catch (error) {
      throw this.failed(error);
    }
    await this.end();
    return readings;
  }

  private publish(record: BpRecord, index: number): Measurement[] {
    const { year, month, day, hour, minute, second } = record;
    const time = deviceClockTime(year, month, day, hour, minute, second);
    if (!time) {
      this.report(
        'protocol',
        'bp.bad_time',
        `reading ${index}: ${year}-${month}-${day} ${hour}:${minute}:${second} is no time`,
      );
      return [];
    }
    const measurements = measurementsOf(record, time);
    for (const measurement of measurements) this.events.emit(measurement);
    return measurements;
  }

  /**
   * The clearing block after the mode change. The unit may first hand back an empty report;
   * the vendor capture also shows a noise report instead of "OK", after which the vendor
   * software sent the block again. So: send, read until "OK", and send again on anything else.
   */
  private async clear(): Promise<void> {
    for (let attempt = 0; attempt < this.attempts; attempt++) {
      if (await withTimeout(this.clearOnce(), this.guardMs(CLEAR_READS), 'Omron clearing block')) return;
    }
    throw new DriverError('timeout', `${this.identity.port}: no "OK" after the clearing block`, 'bp.clear_failed');
  }

  private async clearOnce(): Promise<boolean> {
    for (const report of toReports(CLEAR_BLOCK)) await this.write(report);
    for (let reads = 0; reads < CLEAR_READS; reads++) {
      const report = await this.readOrNull(this.reportTimeoutMs);
      if (!report) return false;
      if (isClearOk(report)) return true;
      if (payloadOf(report)?.length !== 0) return false;
    }
    return false;
  }

  private async count(): Promise<number> {
    const reply = await this.command(countCommand(this.bank), REPLY_LENGTH.count, 'GDC');
    if (reply.kind === 'ok') return countOf(reply.bytes);
    const { kind, what } = FAILURE[reply.kind];
    throw new DriverError(kind, `${this.identity.port}: record count ${what}`, 'bp.count_failed');
  }

  private async record(index: number, count: number): Promise<BpRecord | null> {
    const reply = await this.command(recordCommand(this.bank, index), REPLY_LENGTH.record, `GME ${index}`);
    const record = reply.kind === 'ok' ? decodeRecord(reply.bytes.subarray(3)) : null;
    if (record) return record;
    const { kind, what } = FAILURE[reply.kind === 'ok' ? 'garbled' : reply.kind];
    this.report(kind, 'bp.reading_skipped', `reading ${index + 1} of ${count} ${what} ${this.attempts} times; skipped`);
    return null;
  }

  /**
   * Sends a command until it gets a verified "OK" or the attempts run out. libomron asks again
   * after a garbled or bad-checksum reply, and the notes say to ask again after "NO".
   */
  private async command(command: Uint8Array, length: number, what: string): Promise<Reply> {
    let reply: Reply = { kind: 'garbled', bytes: new Uint8Array(0) };
    for (let attempt = 0; attempt < this.attempts && reply.kind !== 'ok'; attempt++) {
      const reports = Math.ceil(length / MAX_PAYLOAD) + 1;
      reply = await withTimeout(this.exchange(command, length, reports), this.guardMs(reports), `Omron ${what}`);
    }
    return reply;
  }

  private async exchange(command: Uint8Array, length: number, maxReports: number): Promise<Reply> {
    for (const report of toReports(command)) await this.write(report);
    const reader = new ReplyReader(length);
    for (let reads = 0; reads < maxReports; reads++) {
      const reply = reader.add(await this.read(this.reportTimeoutMs));
      if (reply) return reply;
    }
    return { kind: 'garbled', bytes: new Uint8Array(0) };
  }

  /**
   * END, then whatever the unit says before it switches off ("OK" and "OFF\r\n" in the
   * vendor capture, "OFF\r\n" alone in the notes). Every reading is already in hand, and a
   * unit that powers down may drop off the bus mid-reply, so nothing here can fail the download.
   */
  private async end(): Promise<void> {
    try {
      for (const report of toReports(END)) await this.write(report);
      for (let reads = 0; reads < 2; reads++) {
        const report = await this.readOrNull(this.reportTimeoutMs);
        if (!report || isOff(report)) return;
      }
    } catch {
      // See above: the session's work is done.
    }
  }

  /** Bounds a whole exchange; longer than the per-report timeouts inside it, so they fire first. */
  private guardMs(reports: number): number {
    return (reports + 2) * this.reportTimeoutMs;
  }

  private write(report: Uint8Array): Promise<void> {
    this.ensureOpen();
    return this.transport.write(report);
  }

  private read(timeoutMs: number): Promise<Uint8Array> {
    this.ensureOpen();
    return this.transport.read(timeoutMs);
  }

  private async readOrNull(timeoutMs: number): Promise<Uint8Array | null> {
    try {
      return await this.read(timeoutMs);
    } catch (error) {
      if (isDriverError(error) && error.kind === 'timeout') return null;
      throw error;
    }
  }
}
