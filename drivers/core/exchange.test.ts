import { describe, expect, it } from 'vitest';
import { ByteBuffer, fromHex, hex } from './byte-buffer.js';
import { ExchangeQueue, withTimeout } from './exchange.js';

describe('ExchangeQueue', () => {
  it('runs one exchange at a time, in order, and a failure does not block the next', async () => {
    const queue = new ExchangeQueue();
    const log: string[] = [];
    const step = (name: string, ms: number, fail = false) =>
      queue.run(async () => {
        log.push(`start ${name}`);
        await new Promise((r) => setTimeout(r, ms));
        log.push(`end ${name}`);
        if (fail) throw new Error(name);
        return name;
      });
    const results = await Promise.allSettled([step('a', 20), step('b', 5, true), step('c', 1)]);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });

  it('times out a device that does not answer', async () => {
    await expect(withTimeout(new Promise(() => undefined), 20, 'GDC')).rejects.toMatchObject({
      kind: 'timeout',
      message: 'GDC: no answer within 20 ms',
    });
  });
});

describe('ByteBuffer', () => {
  it('accumulates chunks, consumes what a parser used, and keeps only the newest bytes past its limit', () => {
    const buffer = new ByteBuffer(8);
    buffer.append(fromHex('01 02 03'));
    buffer.append(fromHex('04 05'));
    buffer.consume(2);
    expect(hex(buffer.view)).toBe('03 04 05');
    buffer.append(fromHex('06 07 08 09 0a 0b 0c'));
    expect(hex(buffer.view)).toBe('05 06 07 08 09 0a 0b 0c');
  });
});
