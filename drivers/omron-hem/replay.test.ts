import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { DriverEvent, Measurement } from '../core/events.js';
import { ReplayTransport } from '../transport/replay.js';
import { runDownload } from '../../test/support/session-events.js';
import { identityOf } from '../core/driver.js';
import { omronHem } from './driver.js';
import { OmronSession } from './session.js';

/**
 * Replays the transcripts in test/fixtures/hid/omron-hem-*.txt. Every request the driver makes
 * must be the next recorded one, and each test ends with assertDone(): a driver that says
 * anything the unit did not hear, or leaves part of the conversation out, fails.
 */

const fixture = (name: string) =>
  readFileSync(new URL(`../../test/fixtures/hid/omron-hem-${name}.txt`, import.meta.url), 'utf8');

async function replay(name: string, onEvent?: (event: DriverEvent, transport: ReplayTransport) => void) {
  const transport = ReplayTransport.fromText(fixture(name), `replay:${name}`);
  const session = new OmronSession(transport, identityOf(omronHem, transport.path), { reportTimeoutMs: 50 });
  const run = await runDownload(session, (event) => onEvent?.(event, transport));
  await session.close();
  return { transport, ...run };
}

/** One reading as "time sys/dia pulse", from the panel and the heart rate that follows it. */
const summary = (measurements: readonly Measurement[]) =>
  measurements.flatMap((m, i) => {
    if (m.loinc !== '85354-9') return [];
    const [sys, dia] = (m.components ?? []).map((c) => c.value);
    const pulse = measurements[i + 1];
    expect(pulse?.loinc).toBe('8867-4');
    expect(pulse?.time).toBe(m.time);
    return [`${m.time.slice(0, 19)} ${sys}/${dia} ${pulse?.value}`];
  });

describe('Omron HEM replay', () => {
  it('downloads the one reading of the vendor USB capture, noise report and all', async () => {
    const { transport, outcome, measurements, errors } = await replay('capture');
    transport.assertDone();
    expect(errors).toEqual([]);
    expect(outcome.readings).toEqual(measurements);
    expect(summary(measurements)).toEqual(['2008-04-21T16:10:46 129/78 77']);
    expect(measurements.every((m) => m.stored === true)).toBe(true);
  });

  it('downloads exactly the three stored readings, oldest first', async () => {
    const { transport, outcome, measurements, errors } = await replay('download');
    transport.assertDone();
    expect(errors).toEqual([]);
    expect(outcome.readings).toEqual(measurements);
    expect(summary(measurements)).toEqual([
      '2006-11-30T21:45:10 142/91 66',
      '2007-01-03T00:06:51 112/75 71',
      '2008-04-21T16:10:46 129/78 77',
    ]);
    expect(measurements[0]?.context).toEqual({ flags: '10', truRead: '1' });
  });

  it('reports a checksum error and yields nothing for the reading that never arrived whole', async () => {
    const { transport, outcome, measurements, errors } = await replay('checksum');
    transport.assertDone();
    expect(errors).toEqual([
      {
        type: 'error',
        kind: 'checksum',
        code: 'bp.reading_skipped',
        message: 'reading 2 of 3 answered with a bad checksum 3 times; skipped',
      },
    ]);
    expect(summary(measurements)).toEqual(['2006-11-30T21:45:10 142/91 66', '2008-04-21T16:10:46 129/78 77']);
    expect(outcome.readings).toEqual(measurements);
  });

  it('asks again after "NO", as the notes say, and gets the reading', async () => {
    const { transport, measurements, errors } = await replay('no-reply');
    transport.assertDone();
    expect(errors).toEqual([]);
    expect(summary(measurements)).toHaveLength(3);
  });

  it('unplugged mid-download: the reading already in is emitted, then disconnected; nothing escapes', async () => {
    const { transport, outcome, measurements, errors } = await replay('unplug', (event, t) => {
      if (event.type === 'measurement') t.unplug();
    });
    transport.assertDone();
    expect(summary(measurements)).toEqual(['2006-11-30T21:45:10 142/91 66']);
    expect(outcome.readings).toBeNull();
    expect(outcome.error).toMatchObject({ name: 'DriverError', kind: 'disconnected' });
    expect(errors.map((e) => e.kind)).toEqual(['disconnected']);
  });

  it('fails the test when the driver strays from the transcript', async () => {
    const text = fixture('download').replace('F> 74 bc', 'F> 01 01');
    const transport = ReplayTransport.fromText(text);
    const session = new OmronSession(transport, identityOf(omronHem, transport.path), { reportTimeoutMs: 20 });
    await expect(session.download()).rejects.toMatchObject({ kind: 'protocol' });
    expect(() => transport.assertDone()).toThrow(/transcript mismatch at step 1/);
  });
});
