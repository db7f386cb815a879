import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromHex, hex } from '../core/byte-buffer.js';
import { checkParserProperties } from '../../test/support/driver-fuzz.js';
import { frameAtStart, MAX_LENGTH } from './frame.js';
import { COMMANDS, encodeReply, encodeRequest, ReplyDecoder, RequestDecoder, requestOf } from './messages.js';
import type { Reply, Request } from './messages.js';

const byte = fc.integer({ min: 0, max: 255 });
// Mostly short data, sometimes the full size of a read reply.
const replyData = fc.oneof(
  { weight: 9, arbitrary: fc.uint8Array({ maxLength: 300 }) },
  { weight: 1, arbitrary: fc.uint8Array({ minLength: MAX_LENGTH - 4, maxLength: MAX_LENGTH - 4 }) },
);
const reply: fc.Arbitrary<Reply> = fc.record({ sw1: byte, sw2: byte, sw3: byte, data: replyData });
const request: fc.Arbitrary<Request> = fc.record({ cmd: byte, para: byte, data: fc.uint8Array({ maxLength: 64 }) });

describe('ID card reader framing: properties', () => {
  it('replies: never throw, split anywhere, resynchronise, a flipped bit is caught by header, length or XOR', () => {
    checkParserProperties({
      decoder: () => new ReplyDecoder(),
      message: reply,
      encode: encodeReply,
      frameValid: (frame) => frameAtStart(frame, 3),
    });
  });

  it('requests (the simulator side) follow the same properties', () => {
    checkParserProperties({
      decoder: () => new RequestDecoder(),
      message: request,
      encode: encodeRequest,
      frameValid: (frame) => frameAtStart(frame, 2),
    });
  });
});

describe('ID card reader framing: bytes written out by hand', () => {
  it.each([
    ['reset', COMMANDS.reset, 'aa aa aa 96 69 00 03 01 ff fd'],
    ['status', COMMANDS.status, 'aa aa aa 96 69 00 03 11 ff ed'],
    ['find', COMMANDS.find, 'aa aa aa 96 69 00 03 20 01 22'],
    ['select', COMMANDS.select, 'aa aa aa 96 69 00 03 20 02 21'],
    ['read', COMMANDS.read, 'aa aa aa 96 69 00 03 30 01 32'],
  ])('%s request', (_, command, bytes) => {
    expect(hex(encodeRequest(requestOf(command)))).toBe(bytes);
  });

  it('decodes find-success, no-card and read-failure replies', () => {
    const decoder = new ReplyDecoder();
    const got = decoder.push(
      fromHex(
        'aa aa aa 96 69 00 08 00 00 9f 00 00 00 00 97 ' +
          'aa aa aa 96 69 00 04 00 00 80 84 ' +
          'aa aa aa 96 69 00 04 00 00 41 45',
      ),
    );
    expect(got.map((r) => [r.sw1, r.sw2, r.sw3, hex(r.data)])).toEqual([
      [0, 0, 0x9f, '00 00 00 00'],
      [0, 0, 0x80, ''],
      [0, 0, 0x41, ''],
    ]);
    expect(decoder.dropped).toBe(0);
  });

  it('drops a reply whose XOR is wrong, counts it as a checksum failure, and reads the next', () => {
    const decoder = new ReplyDecoder();
    expect(decoder.push(fromHex('aa aa aa 96 69 00 04 00 00 80 85'))).toEqual([]);
    expect(decoder.checksumFailures).toBe(1);
    expect(decoder.dropped).toBe(1);
    expect(decoder.push(fromHex('aa aa aa 96 69 00 04 00 00 90 94')).map((r) => r.sw3)).toEqual([0x90]);
  });

  it('skips noise, including a false header start, before a reply', () => {
    const got = new ReplyDecoder().push(fromHex('00 ff aa aa 13 96 69 aa aa aa aa 96 69 00 04 00 00 90 94'));
    expect(got.map((r) => r.sw3)).toEqual([0x90]);
  });

  it('a length beyond the largest reply resynchronises at once instead of waiting for it', () => {
    const decoder = new ReplyDecoder();
    const got = decoder.push(fromHex('aa aa aa 96 69 ff ff aa aa aa 96 69 00 04 00 00 90 94'));
    expect(got.map((r) => r.sw3)).toEqual([0x90]);
    expect(decoder.dropped).toBe(1);
  });

  it('waits for the rest of a reply split across chunks, and reset forgets a partial one', () => {
    const decoder = new ReplyDecoder();
    expect(decoder.push(fromHex('aa aa aa 96 69 00 08 00 00'))).toEqual([]);
    expect(decoder.push(fromHex('9f 00 00 00 00 97')).map((r) => r.sw3)).toEqual([0x9f]);
    decoder.push(fromHex('aa aa aa 96 69 05 08 00 00 90'));
    expect(decoder.pending).toBeGreaterThan(0);
    decoder.reset();
    expect(decoder.push(fromHex('aa aa aa 96 69 00 04 00 00 80 84')).map((r) => r.sw3)).toEqual([0x80]);
  });
});
