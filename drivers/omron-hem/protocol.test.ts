import { describe, expect, it } from 'vitest';
import { fromHex, hex } from '../core/byte-buffer.js';
import { deviceClockTime } from '../core/device-clock.js';
import { END, VERSION, countCommand, recordCommand } from './commands.js';
import { CAPTURE_READING, NOTES_READING } from './fixture-cases.js';
import { measurementsOf } from './measurements.js';
import { decodeRecord, encodeRecord } from './reading.js';
import { ReplyReader, countOf, isClearOk, isOff, versionOf } from './replies.js';
import type { Reply } from './replies.js';
import { payloadOf, toReports } from './reports.js';

// Test vectors: the worked hex examples of openyou/libomron doc/omron_protocol_notes.asciidoc
// ("notes") and the vendor USB capture doc/logs/hem790it/790IT_OneReading.html ("capture").

const reports = (bytes: Uint8Array) => toReports(bytes).map(hex);

const replyOf = (expected: number, ...lines: string[]): Reply | null => {
  const reader = new ReplyReader(expected);
  let reply: Reply | null = null;
  for (const line of lines) reply = reader.add(fromHex(line));
  return reply;
};

describe('Omron commands', () => {
  it('frames VER00, GME and END as the notes raw reports show them (XX bytes sent as zero)', () => {
    expect(reports(VERSION)).toEqual(['05 56 45 52 30 30 00 00']);
    expect(reports(recordCommand(0, 0))).toEqual(['07 47 4d 45 00 00 00 00', '01 00 00 00 00 00 00 00']);
    expect(reports(END)).toEqual(['05 45 4e 44 ff ff 00 00']);
  });

  it('frames GDC as libomron builds it and the capture shows it, checksum = bank', () => {
    // The notes' GDC example ends in 01, which is not the XOR of the bytes before it; the
    // capture (URB 0392/0398) and libomron send 00 for bank 0.
    expect(reports(countCommand(0))).toEqual(['07 47 44 43 00 00 00 00', '01 00 00 00 00 00 00 00']);
    expect(hex(countCommand(1))).toBe('47 44 43 00 01 00 00 01');
    expect(hex(recordCommand(1, 5))).toBe('47 4d 45 00 01 00 05 04');
  });
});

describe('Omron replies', () => {
  it('reads the notes VER00 reply: "M7080IT 207", checksum 4a', () => {
    const reply = replyOf(15, '07 4f 4b 00 4d 37 30 38', '07 30 49 54 20 32 30 37', '01 4a 00 00 00 00 00 00');
    expect(reply?.kind).toBe('ok');
    expect(reply?.kind === 'ok' && versionOf(reply.bytes)).toBe('M7080IT 207');
  });

  it('reads the record count at byte 6: 8 in the notes, 1 in the capture', () => {
    const notes = replyOf(8, '07 4f 4b 00 00 0a 00 08', '01 02 00 00 00 00 00 00');
    const capture = replyOf(8, '07 4f 4b 00 00 10 00 01', '01 11 4b 00 00 10 00 01');
    expect(notes?.kind === 'ok' && countOf(notes.bytes)).toBe(8);
    expect(capture?.kind === 'ok' && countOf(capture.bytes)).toBe(1);
  });

  it('reads the notes GME reply: 2007-01-03 00:06:51, 112/75, pulse 71', () => {
    const reply = replyOf(17, '07 4f 4b 00 07 01 03 00', '07 06 33 00 00 70 4b 47', '03 00 00 4c 00 00 00 00');
    expect(reply?.kind).toBe('ok');
    const record = reply?.kind === 'ok' ? decodeRecord(reply.bytes.subarray(3)) : null;
    expect(record).toEqual(NOTES_READING);
    expect(record && hex(encodeRecord(record))).toBe('07 01 03 00 06 33 00 00 70 4b 47 00 00 4c');
  });

  it('reads the capture GME reply, seconds 0x2e = 46 (binary, not BCD), ignoring stale bytes', () => {
    const reply = replyOf(17, '07 4f 4b 00 08 04 15 10', '07 0a 2e 00 00 81 4e 4d', '03 00 00 af 00 81 4e 4d');
    const record = reply?.kind === 'ok' ? decodeRecord(reply.bytes.subarray(3)) : null;
    expect(record).toMatchObject({ year: 2008, month: 4, day: 21, hour: 16, minute: 10, second: 46 });
    expect(record).toMatchObject({ systolic: 129, diastolic: 78, pulse: 77 });
  });

  it('tells "NO", a bad checksum and garbage apart', () => {
    expect(replyOf(17, '02 4e 4f 00 00 00 00 00')?.kind).toBe('no');
    expect(replyOf(17, '07 4f 4b 00 08 04 15 10', '07 0a 2e 00 00 81 4e 4d', '03 00 00 ae 00 00 00 00')?.kind).toBe(
      'checksum',
    );
    expect(replyOf(17, '07 58 4b 00 08 04 15 10')?.kind).toBe('garbled');
    expect(replyOf(17, '08 4f 4b 00 08 04 15 10')?.kind).toBe('garbled');
    expect(replyOf(8, '07 4f 4b 00 00 10 00 01', '07 11 00 00 00 00 00 00')?.kind).toBe('garbled');
    expect(replyOf(17, '07 4f 4b 00 08 04 15 10')).toBeNull();
  });

  it('knows the clearing "OK", the noise report and "OFF" from the capture', () => {
    expect(isClearOk(fromHex('02 4f 4b 00 06 00 00 00'))).toBe(true);
    expect(isClearOk(fromHex('00 00 00 00 00 00 00 00'))).toBe(false);
    expect(payloadOf(fromHex('08 60 00 00 00 00 00 00'))).toBeNull();
    expect(isOff(fromHex('05 4f 46 46 0d 0a 4e 4d'))).toBe(true);
    expect(isOff(fromHex('02 4f 4b af 00 81 4e 4d'))).toBe(false);
  });
});

describe('Omron readings', () => {
  it('files the panel with systolic and diastolic components and the pulse as heart rate', () => {
    const record = decodeRecord(fromHex('08 04 15 10 0a 2e 00 00 81 4e 4d 00 00 af'));
    if (!record) throw new Error('capture record did not decode');
    const [panel, heartRate] = measurementsOf(record, '2008-04-21T16:10:46+08:00');
    expect(panel).toEqual({
      type: 'measurement',
      loinc: '85354-9',
      display: 'Blood pressure panel with all children optional',
      value: 129,
      unit: 'mm[Hg]',
      components: [
        { loinc: '8480-6', display: 'Systolic blood pressure', value: 129, unit: 'mm[Hg]' },
        { loinc: '8462-4', display: 'Diastolic blood pressure', value: 78, unit: 'mm[Hg]' },
      ],
      time: '2008-04-21T16:10:46+08:00',
      stored: true,
    });
    expect(heartRate).toMatchObject({ loinc: '8867-4', value: 77, unit: '/min', stored: true });
  });

  it('keeps the flags: TruRead position from the high nibble, the raw byte always', () => {
    const record = decodeRecord(encodeRecord({ ...CAPTURE_READING, flags: 0x21 }));
    expect(record && measurementsOf(record, 'T')[0]?.context).toEqual({ flags: '21', truRead: '2' });
    const odd = decodeRecord(encodeRecord({ ...CAPTURE_READING, flags: 0x80 }));
    expect(odd && measurementsOf(odd, 'T')[0]?.context).toEqual({ flags: '80' });
  });

  it('takes the time from the unit clock with the station offset, and refuses impossible dates', () => {
    const time = deviceClockTime(2008, 4, 21, 16, 10, 46);
    expect(time?.slice(0, 19)).toBe('2008-04-21T16:10:46');
    expect(time).toMatch(/[+-]\d\d:\d\d$/);
    expect(new Date(time ?? '').getTime()).toBe(new Date(2008, 3, 21, 16, 10, 46).getTime());
    expect(deviceClockTime(2008, 2, 30, 0, 0, 0)).toBeNull();
    expect(deviceClockTime(2008, 13, 1, 0, 0, 0)).toBeNull();
    expect(deviceClockTime(2008, 0, 1, 0, 0, 0)).toBeNull();
    expect(deviceClockTime(2008, 1, 1, 24, 0, 0)).toBeNull();
    expect(deviceClockTime(2008, 1, 1, 0, 60, 0)).toBeNull();
  });
});
