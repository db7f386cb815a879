import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { identityOf } from '../core/driver.js';
import type { DriverEvent, Measurement } from '../core/events.js';
import { ReplayTransport } from '../transport/replay.js';
import { runDownload } from '../../test/support/session-events.js';
import { contourUsb } from './driver.js';
import { ContourSession } from './session.js';

/**
 * Replays the transcripts in test/fixtures/hid/contour-usb-*.txt. Every report the driver
 * writes must be the next recorded one, and each test ends with assertDone().
 */

const fixture = (name: string) =>
  readFileSync(new URL(`../../test/fixtures/hid/contour-usb-${name}.txt`, import.meta.url), 'utf8');

async function replay(text: string, onEvent?: (event: DriverEvent, transport: ReplayTransport) => void) {
  const transport = ReplayTransport.fromText(text);
  const session = new ContourSession(transport, identityOf(contourUsb, transport.path), { reportTimeoutMs: 50 });
  const run = await runDownload(session, (event) => onEvent?.(event, transport));
  return { transport, session, ...run };
}

/** A reading as "time value unit meal", for comparing whole downloads at a glance. */
const summary = (measurements: readonly Measurement[]) =>
  measurements.map((m) => `${m.time.slice(0, 16)} ${m.value} ${m.unit} ${m.loinc} ${m.context?.['meal'] ?? '-'}`);

describe('Contour USB replay', () => {
  it('downloads exactly the patient readings of an mg/dL meter, the control test left out', async () => {
    const { transport, session, outcome, measurements, errors } = await replay(fixture('download-mg-dl'));
    transport.assertDone();
    expect(errors).toEqual([]);
    expect(outcome.readings).toEqual(measurements);
    expect(summary(measurements)).toEqual([
      '2012-02-05T20:34 133 mg/dL 2339-0 before',
      '2012-02-06T13:15 162 mg/dL 2339-0 after',
      '2012-02-07T07:05 97 mg/dL 2339-0 -',
    ]);
    expect(measurements[1]?.context).toEqual({
      meal: 'after',
      hoursAfterMeal: '2.00',
      markers: 'A/Z8',
      reference: 'plasma',
    });
    expect(measurements.every((m) => m.stored === true)).toBe(true);
    expect(session.identity).toMatchObject({ serialNumber: '7390-2336773', firmware: '01.24 01.04 09.02.20' });
  });

  it('downloads an mmol/L meter under 15074-8 with the values as printed', async () => {
    const { transport, measurements, errors } = await replay(fixture('download-mmol-l'));
    transport.assertDone();
    expect(errors).toEqual([]);
    expect(summary(measurements)).toEqual([
      '2010-11-28T19:49 7.9 mmol/L 15074-8 before',
      '2010-11-13T14:09 10.1 mmol/L 15074-8 -',
      '2010-12-14T20:48 2.8 mmol/L 15074-8 before',
      '2010-12-27T20:01 11.5 mmol/L 15074-8 after',
    ]);
  });

  it('NAKs a frame with a bad checksum and takes the intact copy the meter sends next', async () => {
    const { transport, measurements, errors } = await replay(fixture('nak-retry'));
    transport.assertDone();
    expect(errors).toEqual([]);
    expect(measurements.map((m) => m.value)).toEqual([133, 162, 97]);
  });

  it('a frame refused six times: checksum error, nothing from that frame, the reading before it kept', async () => {
    const { transport, outcome, measurements, errors } = await replay(fixture('checksum'));
    transport.assertDone();
    expect(measurements.map((m) => m.value)).toEqual([133]);
    expect(outcome.readings).toEqual(measurements);
    expect(errors).toEqual([
      {
        type: 'error',
        kind: 'checksum',
        code: 'glucose.transfer_incomplete',
        message: 'the meter ended the transfer before its last record; 1 reading(s) received',
      },
    ]);
  });

  it('unplugged mid-download: the reading already in is emitted, then disconnected; nothing escapes', async () => {
    const { transport, outcome, measurements, errors } = await replay(fixture('unplug'), (event, t) => {
      if (event.type === 'measurement') t.unplug();
    });
    transport.assertDone();
    expect(measurements.map((m) => m.value)).toEqual([133]);
    expect(outcome.readings).toBeNull();
    expect(outcome.error).toMatchObject({ name: 'DriverError', kind: 'disconnected' });
    expect(errors.map((e) => e.kind)).toEqual(['disconnected']);
  });

  it('fails the test when the driver strays from the transcript', async () => {
    // The transcript NAKs the header where the driver ACKs it.
    const lines = fixture('download-mg-dl').split('\n');
    const second = lines.findIndex((l, i) => l === '=> 41 42 43 01 06' && i > lines.indexOf('=> 41 42 43 01 06'));
    lines[second] = '=> 41 42 43 01 15';
    const { transport, outcome } = await replay(lines.join('\n'));
    expect(outcome.error).toMatchObject({ kind: 'protocol' });
    expect(() => transport.assertDone()).toThrow(/transcript mismatch/);
  });
});
