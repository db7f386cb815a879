import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildBenchEntries, cleanAll, onCleanup } from './lib/children.js';
import { runEcgStream } from './lib/ecg-stream.js';
import { runOximeterLatency } from './lib/oximeter-latency.js';
import { PARSER_CASES, PARSERS_WITHOUT_STREAM } from './lib/parser-streams.js';
import { measureParser } from './lib/parser-throughput.js';

/**
 * bench:devices — from the device to the doctor's screen:
 *  - each stream parser's throughput over ≥ 8 MB of what its device really sends, fed in
 *    4 KiB chunks (median of 3 runs, every message checked to come out);
 *  - the oximeter: from the simulator writing a packet to Chromium showing its pleth sample
 *    on the vitals screen (p50/p95 over BENCH_OXIMETER_SECONDS, 40 by default);
 *  - a 500 samples/s 12-lead ECG over a socat pty for BENCH_ECG_SECONDS (600 by default):
 *    samples sent and received, gaps, and the station core's CPU while streaming.
 * Progress goes to stderr; the last stdout line is the JSON. Targets (issue "Figures"): under
 * 100 ms to screen, zero gaps, under 15 % of one core.
 */
const ECG_SECONDS = Number(process.env.BENCH_ECG_SECONDS ?? 600);
const OXIMETER_SECONDS = Math.max(30, Number(process.env.BENCH_OXIMETER_SECONDS ?? 40));
const PARSER_BYTES = Math.max(8, Number(process.env.BENCH_PARSER_MB ?? 8)) * 1024 * 1024;

const log = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

async function main(): Promise<void> {
  if (!(ECG_SECONDS > 0) || !(OXIMETER_SECONDS >= 30) || !(PARSER_BYTES > 0)) {
    throw new Error('BENCH_ECG_SECONDS, BENCH_OXIMETER_SECONDS and BENCH_PARSER_MB must be positive numbers');
  }
  const dir = mkdtempSync(join(tmpdir(), 'cunyi-bench-devices-'));
  onCleanup(() => Promise.resolve(rmSync(dir, { recursive: true, force: true })));

  // Parsers first, while nothing else on the machine competes for the CPU.
  const parserMbPerS: Record<string, number> = {};
  const parserStreams: Record<string, { mb: number; messages: number }> = {};
  for (const parser of PARSER_CASES) {
    const figure = measureParser(parser, parser.build(PARSER_BYTES));
    parserMbPerS[parser.name] = figure.mbPerS;
    parserStreams[parser.name] = { mb: figure.streamMb, messages: figure.messages };
    log(`parser ${parser.name}: ${figure.mbPerS} MB/s over ${figure.streamMb} MB (${figure.messages} messages)`);
  }

  const entries = await buildBenchEntries();
  const oximeter = await runOximeterLatency({ entry: entries.station, dir, seconds: OXIMETER_SECONDS, log });
  log(`oximeter: p50 ${oximeter.toScreenP50Ms} ms, p95 ${oximeter.toScreenP95Ms} ms over ${oximeter.samples} samples`);
  const ecg = await runEcgStream({ entries, dir, seconds: ECG_SECONDS, log });
  await cleanAll();

  console.log(
    JSON.stringify({
      oximeter_to_screen_p95_ms: oximeter.toScreenP95Ms,
      ecg_samples_sent: ecg.samplesSent,
      ecg_samples_received: ecg.samplesReceived,
      ecg_gaps: ecg.gaps,
      ecg_core_cpu_pct: ecg.coreCpuPct,
      parser_mb_per_s: parserMbPerS,
      oximeter_to_screen_p50_ms: oximeter.toScreenP50Ms,
      oximeter_to_page_p95_ms: oximeter.toPageP95Ms,
      oximeter_samples: oximeter.samples,
      oximeter_seconds: oximeter.seconds,
      oximeter_view_shown: oximeter.viewShown,
      oximeter_page_fps: oximeter.pageFps,
      ecg_seconds: ecg.seconds,
      ecg_sample_rate: 500,
      ecg_gap_samples: ecg.gapSamples,
      ecg_skipped_batches: ecg.skippedBatches,
      ecg_duplicate_samples: ecg.duplicates,
      ecg_recording: ecg.recording,
      parser_streams: parserStreams,
      parser_chunk_bytes: 4096,
      parsers_without_stream: PARSERS_WITHOUT_STREAM,
    }),
  );
}

const abort = (signal: NodeJS.Signals): void => {
  log(`bench:devices interrupted (${signal}), stopping its processes`);
  void cleanAll().finally(() => process.exit(130));
};
process.once('SIGINT', abort);
process.once('SIGTERM', abort);

main().catch(async (error: unknown) => {
  console.error(error);
  await cleanAll();
  process.exit(1);
});
