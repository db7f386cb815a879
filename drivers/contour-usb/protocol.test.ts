import { describe, expect, it } from 'vitest';
import { hex } from '../core/byte-buffer.js';
import { AstmFrameDecoder, EOT, encodeFrame } from './astm-frame.js';
import type { AstmFrame } from './astm-frame.js';
import { DEFAULT_DELIMITERS, parseRecord } from './astm-records.js';
import type { ResultRecord } from './astm-records.js';
import { meterClockTime } from './device-time.js';
import { glucoseOf } from './glucose.js';
import { continues, hostData, hostReport, meterData, meterReports } from './hid-reports.js';
import { HEADER_MG_DL, HEADER_MMOL_L } from './simulator.js';

// Test vectors: glucometers-tech/glucometerutils glucometerutils/drivers/tests/test_contourusb.py
// ("glucometerutils") and hilljb/glucodump test/test_contourusb.py ("glucodump").

const bytes = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));
const decode = (text: string): AstmFrame[] => new AstmFrameDecoder().push(bytes(text));
const HEADER_7150 = 'H|\\^&||-7880|Bayer7150^1.05\\0.00^7150-SAM2193|||||||P|1|200305121635';

describe('ASTM E1381 frames', () => {
  it('checks the frames of the sources: header D7 and 65, 7150 header AE, result 04', () => {
    const frames = [
      [`\x021${HEADER_MG_DL}\r\x17D7\r\n`, HEADER_MG_DL],
      [`\x021${HEADER_MMOL_L}\r\x1765\r\n`, HEADER_MMOL_L],
      [`\x021${HEADER_7150}\r\x17AE\r\n`, HEADER_7150],
      [
        '\x021R|67|^^^Glucose|7.9|mmol/L^P||B||201011281949\r\x1704\r\n',
        'R|67|^^^Glucose|7.9|mmol/L^P||B||201011281949',
      ],
    ] as const;
    for (const [wire, text] of frames) {
      expect(decode(wire)).toEqual([{ number: 1, text, final: false }]);
      expect(hex(encodeFrame({ number: 1, text, final: false }))).toBe(hex(bytes(wire)));
    }
  });

  it("reads the header out of the meter's first message, between EOT and ENQ (glucometerutils)", () => {
    const message = `\x04\x021${HEADER_MG_DL}\r\x17D7\r\n\x05`;
    expect(decode(message).map((f) => f.text)).toEqual([HEADER_MG_DL]);
  });

  it('follows frame numbers round 0–7 (glucodump multiread)', () => {
    const wire = ['1G', '2F', '3E', '4D', '5C', '6B', '7A', '0H', '1G', '2F']
      .map((t) => `\x02${t}\r\x179C\r\n`)
      .join('');
    expect(decode(wire).map((f) => f.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 0, 1, 2]);
  });

  it('accepts ETX as the last frame of a message', () => {
    const frame = encodeFrame({ number: 3, text: 'L|1||N', final: true });
    expect(frame[frame.length - 5]).toBe(0x03);
    expect(new AstmFrameDecoder().push(frame)).toEqual([{ number: 3, text: 'L|1||N', final: true }]);
  });

  it('drops frames that are not whole and right, and counts them', () => {
    const good = '\x021R|67|^^^Glucose|7.9|mmol/L^P||B||201011281949\r\x1704\r\n';
    const decoder = new AstmFrameDecoder();
    const bad = [
      good.replace('\x1704', '\x1705'), // checksum
      good.replace('\x1704', '\x170a'), // lower-case hex is not what the source accepts
      good.replace('\r\n', '\r\r'), // no LF
      good.replace('\x021', '\x028'), // frame number 8
      good.replace('7.9', '7\x029'), // STX inside the text: the frame was cut short
      good.replace('\x17', '\x16'), // neither ETX nor ETB
    ];
    expect(decoder.push(bytes(bad.join('')))).toEqual([]);
    expect(decoder.dropped).toBe(bad.length + 1); // the cut-short frame leaves a second bad start
    expect(decoder.push(bytes(good))).toHaveLength(1);
  });

  it('waits for a frame split anywhere, and skips junk before it', () => {
    const wire = bytes(`\x00\x15junk\x02\x021R|67|^^^Glucose|7.9|mmol/L^P||B||201011281949\r\x1704\r\n`);
    const decoder = new AstmFrameDecoder();
    const frames = [...wire].flatMap((b) => decoder.push(Uint8Array.of(b)));
    expect(frames.map((f) => f.text)).toEqual(['R|67|^^^Glucose|7.9|mmol/L^P||B||201011281949']);
  });
});

describe('Contour HID reports', () => {
  it('writes "ABC", the length and the data, zero-padded to 64 bytes', () => {
    const report = hostReport(Uint8Array.of(EOT));
    expect(report).toHaveLength(64);
    expect(hex(report.subarray(0, 5))).toBe('41 42 43 01 04');
    expect(report.subarray(5).every((b) => b === 0)).toBe(true);
    expect(hostData(report)).toEqual(Uint8Array.of(EOT));
    expect(hostData(Uint8Array.of(0x41, 0x42, 0x44, 1, 4))).toBeNull();
  });

  it('reads byte 3 as the length; a full report means the message goes on', () => {
    const message = Uint8Array.from({ length: 130 }, (_, i) => i);
    const reports = meterReports(message);
    expect(reports.map((r) => r[3])).toEqual([60, 60, 10]);
    expect(reports.map(continues)).toEqual([true, true, false]);
    expect(Uint8Array.from(reports.flatMap((r) => [...(meterData(r) ?? [])]))).toEqual(message);
    // A message that fills its last report is followed by an empty one.
    expect(meterReports(new Uint8Array(60)).map((r) => r[3])).toEqual([60, 0]);
    expect(meterData(Uint8Array.of(0, 0, 0, 61))).toBeNull();
    expect(meterData(Uint8Array.of(0, 0, 0, 3, 1))).toBeNull();
  });
});

describe('ASTM E1394 records', () => {
  it('reads the Contour USB header: delimiters, product, versions, serial, unit, count, clock', () => {
    expect(parseRecord(HEADER_MG_DL, DEFAULT_DELIMITERS)).toMatchObject({
      type: 'header',
      delimiters: { field: '|', repeat: '\\', component: '^', escape: '&' },
      product: 'Bayer7390',
      versions: ['01.24', '01.04', '09.02.20'],
      serial: '7390-2336773',
      settings: { A: '1', C: '63', G: '1', I: '0200', R: '0', S: '1', U: '0', V: '10600', Z: '1' },
      resultCount: 1714,
      time: '201909221304',
    });
    expect(parseRecord(HEADER_MMOL_L, DEFAULT_DELIMITERS)).toMatchObject({ serial: '7390-1163170', resultCount: 209 });
    expect(parseRecord(HEADER_7150, DEFAULT_DELIMITERS)).toMatchObject({
      product: 'Bayer7150',
      versions: ['1.05', '0.00'],
      serial: '7150-SAM2193',
      resultCount: null,
      time: '200305121635',
    });
  });

  it('reads result records: glucometerutils mg/dL, glucodump mmol/L', () => {
    expect(parseRecord('R|8|^^^Glucose|133|mg/dL^P||B/X||201202052034', DEFAULT_DELIMITERS)).toEqual({
      type: 'result',
      sequence: 8,
      test: 'Glucose',
      value: '133',
      unit: 'mg/dL',
      reference: 'P',
      markers: ['B', 'X'],
      time: '201202052034',
    });
    expect(parseRecord('R|81|^^^Glucose|11.5|mmol/L^P||A/Z1||201012272001', DEFAULT_DELIMITERS)).toMatchObject({
      value: '11.5',
      unit: 'mmol/L',
      markers: ['A', 'Z1'],
    });
    expect(parseRecord('R|5|^^^Glucose|10.1|mmol/L^P||||201011131409', DEFAULT_DELIMITERS)).toMatchObject({
      markers: [],
    });
  });

  it('reads P, O (Q = control, glucodump), L; refuses what is malformed', () => {
    expect(parseRecord('P|1', DEFAULT_DELIMITERS)).toEqual({ type: 'patient' });
    expect(parseRecord('O|1', DEFAULT_DELIMITERS)).toEqual({ type: 'order', control: false });
    expect(parseRecord('O|2||||||||||Q', DEFAULT_DELIMITERS)).toEqual({ type: 'order', control: true });
    expect(parseRecord('L|1||N', DEFAULT_DELIMITERS)).toEqual({ type: 'terminator', code: 'N' });
    expect(parseRecord('C|1|comment', DEFAULT_DELIMITERS)).toEqual({ type: 'other', letter: 'C' });
    for (const bad of [
      '',
      'Rubbish',
      'R|x|^^^Glucose|133|mg/dL^P||||201202052034',
      'R|1|^^^Glucose|1e2|mg/dL^P||||201202052034',
      'R|1|^^^Glucose|-3|mg/dL^P||||201202052034',
      'R|1|^^^Glucose|133|mg/dL^P||||2012020520',
      'H|||||',
      '1|2',
    ]) {
      expect(parseRecord(bad, DEFAULT_DELIMITERS)).toBeNull();
    }
  });
});

describe('Contour glucose readings', () => {
  const result = (over: Partial<ResultRecord>): ResultRecord => ({
    type: 'result',
    sequence: 1,
    test: 'Glucose',
    value: '133',
    unit: 'mg/dL',
    reference: 'P',
    markers: [],
    time: '201202052034',
    ...over,
  });

  it('files mg/dL under 2339-0 and mmol/L under 15074-8, value exactly as printed', () => {
    const mg = glucoseOf(result({ markers: ['B', 'X'] }));
    expect(mg).toEqual({
      kind: 'reading',
      measurement: {
        type: 'measurement',
        loinc: '2339-0',
        display: 'Glucose [Mass/volume] in Blood',
        value: 133,
        unit: 'mg/dL',
        time: meterClockTime('201202052034'),
        stored: true,
        context: { meal: 'before', markers: 'B/X', reference: 'plasma' },
      },
    });
    const mmol = glucoseOf(result({ value: '7.9', unit: 'mmol/L', markers: ['A', 'Z8'] }));
    expect(mmol.kind === 'reading' && mmol.measurement).toMatchObject({
      loinc: '15074-8',
      value: 7.9,
      unit: 'mmol/L',
      context: { meal: 'after', hoursAfterMeal: '2.00', markers: 'A/Z8' },
    });
    const low = glucoseOf(result({ markers: ['<'] }));
    expect(low.kind === 'reading' && low.measurement.context?.['range']).toBe('low');
  });

  it('keeps control-solution tests out, and refuses other tests, units and impossible times', () => {
    expect(glucoseOf(result({ markers: ['C'] }))).toEqual({ kind: 'control' });
    expect(glucoseOf(result({}), true)).toEqual({ kind: 'control' });
    expect(glucoseOf(result({ test: 'Ketone' })).kind).toBe('invalid');
    expect(glucoseOf(result({ unit: 'mmol/l' })).kind).toBe('invalid');
    expect(glucoseOf(result({ time: '201202302034' })).kind).toBe('invalid');
  });

  it('takes the time from the meter clock (no seconds) with the station offset', () => {
    const time = meterClockTime('201202052034');
    expect(time?.slice(0, 19)).toBe('2012-02-05T20:34:00');
    expect(new Date(time ?? '').getTime()).toBe(new Date(2012, 1, 5, 20, 34).getTime());
    expect(meterClockTime('2012020520')).toBeNull();
    expect(meterClockTime('201213052034')).toBeNull();
  });
});
