import type { ParserCase, ParserStream } from './parser-streams.js';
import { median, round } from './stats.js';

/** Serial ports hand a driver at most a few KiB at a time; 4 KiB is a generous read. */
const CHUNK = 4 * 1024;
const RUNS = 3;
/** Enough of the stream for the JIT to settle on the parser's hot paths before timing. */
const WARM_UP_BYTES = 512 * 1024;

export interface ParserFigure {
  /** Median of the timed runs, in 10^6 bytes per second. */
  readonly mbPerS: number;
  readonly streamMb: number;
  readonly messages: number;
}

/** Feeds the whole stream to a fresh parser in 4 KiB chunks; how long it took and what came out. */
function feed(c: ParserCase, bytes: Uint8Array): { seconds: number; messages: number; dropped: number } {
  const decoder = c.decoder();
  let messages = 0;
  const started = performance.now();
  for (let at = 0; at < bytes.length; at += CHUNK) messages += decoder.push(bytes.subarray(at, at + CHUNK)).length;
  return { seconds: (performance.now() - started) / 1000, messages, dropped: decoder.dropped };
}

/**
 * A parser's throughput: the median of three runs over the same stream, each checked to have
 * decoded every message and dropped none, so a parser that skips its work cannot look fast.
 */
export function measureParser(c: ParserCase, stream: ParserStream): ParserFigure {
  feed(c, stream.bytes.subarray(0, WARM_UP_BYTES));
  const rates: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const { seconds, messages, dropped } = feed(c, stream.bytes);
    if (messages !== stream.messages || dropped !== 0) {
      throw new Error(`${c.name}: decoded ${messages} of ${stream.messages} messages, dropped ${dropped}`);
    }
    rates.push(stream.bytes.length / 1e6 / seconds);
  }
  return {
    mbPerS: round(median(rates)),
    streamMb: round(stream.bytes.length / 1e6),
    messages: stream.messages,
  };
}
