import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TAG_SNAPSHOT } from './channel-messages.js';
import { MAX_CHUNKS, MAX_MESSAGE_BYTES, createSnapshotAssembler, snapshotFrames } from './snapshot-frames.js';

/** A byte string that passes for a JPEG: SOI, the body, EOI. */
const jpeg = (body: Uint8Array) => Uint8Array.from([0xff, 0xd8, ...body, 0xff, 0xd9]);
const image = fc.uint8Array({ maxLength: 3_000 }).map(jpeg);
/** Large enough to need two to three chunks. */
const largeImage = fc.uint8Array({ minLength: MAX_MESSAGE_BYTES, maxLength: 40_000 }).map(jpeg);

/** A random permutation of 0..n-1 drawn by fast-check. */
const shuffled = <T>(items: T[]) =>
  fc.array(fc.nat(), { minLength: items.length, maxLength: items.length }).map((keys) =>
    items
      .map((item, i) => ({ item, key: keys[i]! }))
      .sort((a, b) => a.key - b.key)
      .map((x) => x.item),
  );

describe('snapshot framing', () => {
  it('reassembles any image from its chunks in any order, each chunk at most 16 KiB', () => {
    fc.assert(
      fc.property(fc.oneof(image, largeImage), fc.nat(), (picture, id) => {
        const frames = snapshotFrames(id, picture);
        for (const frame of frames) {
          expect(frame.length).toBeLessThanOrEqual(MAX_MESSAGE_BYTES);
          expect(frame[0]).toBe(TAG_SNAPSHOT);
        }
        fc.assert(
          fc.property(shuffled(frames), (order) => {
            const assembler = createSnapshotAssembler();
            const results = order.map((frame) => assembler.accept(frame, 0));
            expect(results.slice(0, -1).every((r) => r === null)).toBe(true);
            expect(results.at(-1)).toEqual(picture);
          }),
          { numRuns: 5 },
        );
      }),
      { numRuns: 15 },
    );
  });

  it('drops a snapshot with a missing chunk, and still shows the next one', () => {
    fc.assert(
      fc.property(largeImage, image, fc.nat(), fc.nat(), (first, second, id, missing) => {
        const assembler = createSnapshotAssembler();
        const frames = snapshotFrames(id, first);
        const lost = missing % frames.length;
        expect(frames.filter((_, i) => i !== lost).map((f) => assembler.accept(f, 0))).toEqual(
          frames.slice(1).map(() => null),
        );
        const next = snapshotFrames(id + 1, second).map((f) => assembler.accept(f, 1_000));
        expect(next.at(-1)).toEqual(second);
        // The lost chunk turning up late does not bring the overtaken snapshot back.
        expect(assembler.accept(frames[lost]!, 2_000)).toBeNull();
      }),
      { numRuns: 20 },
    );
  });

  it('drops a snapshot whose chunks do not all arrive in time', () => {
    const picture = jpeg(new Uint8Array(40_000).fill(7));
    const frames = snapshotFrames(9, picture);
    const assembler = createSnapshotAssembler(10_000);
    expect(assembler.accept(frames[0]!, 0)).toBeNull();
    expect(assembler.accept(frames[1]!, 5_000)).toBeNull();
    expect(assembler.accept(frames[2]!, 10_001)).toBeNull();
  });

  it('never shows an older snapshot after a newer one, across the 32-bit wrap', () => {
    const assembler = createSnapshotAssembler();
    const a = jpeg(Uint8Array.of(1));
    const b = jpeg(Uint8Array.of(2));
    expect(assembler.accept(snapshotFrames(0xffff_ffff, a)[0]!, 0)).toEqual(a);
    expect(assembler.accept(snapshotFrames(0, b)[0]!, 0)).toEqual(b);
    expect(assembler.accept(snapshotFrames(0xffff_fffe, a)[0]!, 0)).toBeNull();
  });

  it('shows nothing for what is not a whole JPEG or not a well-formed chunk', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (bytes) => {
        const assembler = createSnapshotAssembler();
        const shown = assembler.accept(bytes, 0);
        if (shown !== null) {
          expect(bytes[0]).toBe(TAG_SNAPSHOT);
          expect([shown[0], shown[1], shown.at(-2), shown.at(-1)]).toEqual([0xff, 0xd8, 0xff, 0xd9]);
        }
      }),
    );
    const assembler = createSnapshotAssembler();
    expect(assembler.accept(snapshotFrames(1, Uint8Array.of(1, 2, 3, 4, 5))[0]!, 0)).toBeNull();
    // The same id announced with two different chunk counts is dropped altogether.
    const frames = snapshotFrames(2, jpeg(new Uint8Array(20_000)));
    const forged = frames[0]!.slice();
    forged[8] = 3;
    expect(assembler.accept(forged, 0)).toBeNull();
    expect(assembler.accept(frames[1]!, 0)).toBeNull();
  });

  it('refuses to send an image larger than the chunk limit allows', () => {
    expect(() => snapshotFrames(1, new Uint8Array(MAX_CHUNKS * MAX_MESSAGE_BYTES))).toThrow(RangeError);
  });
});
