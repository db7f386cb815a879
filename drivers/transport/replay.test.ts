import { describe, expect, it } from 'vitest';
import { isDriverError } from '../core/errors.js';
import { formatTranscript, parseTranscript, recording, ReplayTransport } from './replay.js';

const transcript = `
# version request and its answer
=> 05 56 45 52 30 30
<= 08 4f 4b 00 56 31 2e 30
F> 02 74 bc
`;

describe('ReplayTransport', () => {
  it('plays the device side of a recorded conversation and checks every request', async () => {
    const t = ReplayTransport.fromText(transcript);
    await t.write(Uint8Array.from([0x05, 0x56, 0x45, 0x52, 0x30, 0x30]));
    expect(Array.from(await t.read(100))).toEqual([0x08, 0x4f, 0x4b, 0x00, 0x56, 0x31, 0x2e, 0x30]);
    // A shorter report matches when the recorded one is the same bytes zero-padded, and back.
    await t.sendFeatureReport(Uint8Array.from([0x02, 0x74, 0xbc]));
    expect(() => t.assertDone()).not.toThrow();
  });

  it('an unexpected request fails the exchange and the test', async () => {
    const t = ReplayTransport.fromText(transcript);
    const error = await t.write(Uint8Array.from([0x05, 0x47, 0x44, 0x43])).catch((e: unknown) => e);
    expect(isDriverError(error) && error.kind).toBe('protocol');
    expect(() => t.assertDone()).toThrow(/transcript mismatch at step 1/);
  });

  it('a conversation left unfinished fails the test', async () => {
    const t = ReplayTransport.fromText(transcript);
    await t.write(Uint8Array.from([0x05, 0x56, 0x45, 0x52, 0x30, 0x30]));
    expect(() => t.assertDone()).toThrow(/2 steps left/);
  });

  it('a read with nothing recorded times out; an unplugged device is disconnected', async () => {
    const t = ReplayTransport.fromText('=> 01');
    const timeout = await t.read(50).catch((e: unknown) => e);
    expect(isDriverError(timeout) && timeout.kind).toBe('timeout');
    t.unplug();
    const gone = await t.write(Uint8Array.from([1])).catch((e: unknown) => e);
    expect(isDriverError(gone) && gone.kind).toBe('disconnected');
  });

  it('refuses a malformed transcript line, and formats what it parses back to the same steps', () => {
    expect(() => parseTranscript('-> 01')).toThrow(/line 1/);
    expect(parseTranscript(formatTranscript(parseTranscript(transcript)))).toEqual(parseTranscript(transcript));
  });

  it('records a conversation through a real transport so it can become a fixture', async () => {
    const device = ReplayTransport.fromText(transcript);
    const { transport, steps } = recording(device);
    await transport.write(Uint8Array.from([0x05, 0x56, 0x45, 0x52, 0x30, 0x30]));
    await transport.read(100);
    await transport.sendFeatureReport(Uint8Array.from([0x02, 0x74, 0xbc]));
    expect(formatTranscript(steps)).toBe(formatTranscript(parseTranscript(transcript)));
  });
});
