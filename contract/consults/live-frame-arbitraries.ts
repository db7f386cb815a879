/**
 * fast-check generators of valid live frames, for the codec's tests. Test-only: nothing in
 * the station or the console imports this file.
 */
import fc from 'fast-check';
import type { LiveComponent, LiveFrame, LiveReading, LiveStreamInfo, LiveWaveform } from './live-frame-types.js';
import { LIVE_LIMITS } from './live-frame-types.js';

/** Any double but NaN, including −0, ±Infinity and subnormals. */
const double = fc.double({ noNaN: true });
/** Text with CJK, emoji (surrogate pairs) and a leading BOM now and then, within the byte limit. */
const text = fc
  .oneof(
    fc.string({ maxLength: 40 }),
    fc.string({ unit: 'grapheme', maxLength: 60 }),
    fc.constantFrom('', '\uFEFF', '迈瑞 BeneHeart R3 心电图机 on ttyUSB0', '鱼跃 YX303 指夹式血氧仪 😀'),
    fc.string({ unit: fc.integer({ min: 0x4e00, max: 0x9fff }).map((c) => String.fromCodePoint(c)), maxLength: 341 }),
  )
  .filter((s) => new TextEncoder().encode(s).length <= LIVE_LIMITS.stringBytes);
const interpretation = fc.constantFrom(null, 'N' as const, 'L' as const, 'H' as const, 'LL' as const, 'HH' as const);
const seq = fc.oneof(fc.nat(1_000_000), fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER - 1_000_000 }));
const streamId = fc.integer({ min: 0, max: LIVE_LIMITS.maxStreamId });

const component: fc.Arbitrary<LiveComponent> = fc.record({ loinc: text, value: double, unit: text, interpretation });

const reading: fc.Arbitrary<LiveReading> = fc.record(
  {
    kind: text,
    loinc: text,
    value: double,
    unit: text,
    components: fc.array(component, { maxLength: LIVE_LIMITS.components }),
    interpretation,
    measuredAt: double,
    device: text,
  },
  { requiredKeys: ['kind', 'loinc', 'value', 'unit', 'interpretation', 'measuredAt', 'device'] },
);

const streamInfo: fc.Arbitrary<LiveStreamInfo> = fc.record({
  id: streamId,
  device: text,
  kind: text,
  channels: fc.array(text, { minLength: 1, maxLength: LIVE_LIMITS.channels }),
  sampleRate: double,
  unit: text,
});

/** Integer steps with deltas that suit varints or int16, or anywhere in int32. */
const steps = (n: number) =>
  fc.oneof(
    fc.array(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), { minLength: n, maxLength: n }),
    fc
      .tuple(
        fc.integer({ min: -100_000, max: 100_000 }),
        fc.constantFrom(300, 30_000).chain((most) => fc.array(fc.integer({ min: -most, max: most }), { minLength: n })),
      )
      .map(([start, deltas]) => deltas.slice(0, n).reduce<number[]>((a, d) => [...a, (a.at(-1) ?? start) + d], [])),
  );

/** Samples that are exact multiples of a resolution, plain integers, or arbitrary doubles. */
const waveform: fc.Arbitrary<LiveWaveform> = fc
  .record({
    stream: streamId,
    seq,
    channels: fc.uniqueArray(fc.nat(LIVE_LIMITS.channels - 1), { minLength: 1, maxLength: 12 }),
    count: fc.integer({ min: 1, max: 60 }),
    resolution: fc.oneof(fc.constant(null), fc.constantFrom(1, 0.5, 2.5, 0.0223517), double),
    kind: fc.constantFrom('steps', 'doubles'),
  })
  .chain(({ channels, count, resolution, kind, ...rest }) => {
    const sorted = [...channels].sort((a, b) => a - b);
    const channel =
      kind === 'doubles'
        ? fc.array(double, { minLength: count, maxLength: count })
        : steps(count).map((s) => s.map((k) => k * (resolution ?? 1)));
    return fc
      .array(channel, { minLength: sorted.length, maxLength: sorted.length })
      .map((samples) => ({ ...rest, channels: sorted, resolution, samples }));
  });

const envelope = { frameSeq: fc.nat(0xffffffff), sentAt: double };

/** Any frame the encoder accepts. */
export const liveFrame: fc.Arbitrary<LiveFrame> = fc.oneof(
  fc.record({ ...envelope, type: fc.constant('reading' as const), reading }),
  fc.record({ ...envelope, type: fc.constant('stream' as const), stream: streamInfo }),
  fc.record({ ...envelope, type: fc.constant('waveform' as const), waveform }),
  fc.record({
    ...envelope,
    type: fc.constant('gap' as const),
    gap: fc.record({ stream: streamId, seq, count: fc.integer({ min: 1, max: 1_000_000 }) }),
  }),
);
