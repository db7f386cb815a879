import { describe, expect, it } from 'vitest';
import { parseBanner, parseSampleRateReply, replyEnd, replyText } from './text-reply.js';

const bytes = (...parts: (string | number[])[]) =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? Array.from(p, (c) => c.charCodeAt(0)) : p)));

describe('text replies', () => {
  it('finds the banner end after packet bytes still in flight, and reads the firmware', () => {
    const banner = 'OpenBCI V3 8-16 channel\nADS1299 Device ID: 0x3E\nLIS3DH Device ID: 0x33\nFirmware: v3.1.1\n$$$';
    const data = bytes([0xa0, 0x24, 0x24, 0x24, 0x10, 0xc0], banner);
    const end = replyEnd(data);
    expect(end).toBe(data.length);
    expect(replyText(data, end)).toBe(banner.slice(0, -3));
    expect(parseBanner(replyText(data, end))).toEqual({
      firmware: '3.1.1',
      firmwareMajor: 3,
      model: 'OpenBCI V3 8-16 channel',
    });
  });

  it('does not take $$$ inside binary data for the end of a reply', () => {
    expect(replyEnd(bytes([0xa0, 0x01, 0xff, 0x24, 0x24, 0x24, 0xc0]))).toBe(-1);
    expect(replyEnd(bytes('Success: Channel set for 3$$'))).toBe(-1);
  });

  it('treats a banner without a firmware line as v1, and reads sample-rate replies', () => {
    expect(parseBanner('OpenBCI V3 16 channel\nADS1299 Device ID: 0x3E\n')).toMatchObject({ firmwareMajor: 1 });
    expect(parseSampleRateReply('Sample rate set to 500Hz')).toBe(500);
    expect(parseSampleRateReply('Failure: sample rate 9 not simulated')).toBeUndefined();
  });
});
