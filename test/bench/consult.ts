import { z } from 'zod';
import { cleanAll } from './lib/children.js';
import { sleep } from './lib/stats.js';
import { startCall } from './consult/call-start.js';
import { holdLimit } from './consult/ladder-run.js';
import type { HoldRun } from './consult/ladder-run.js';
import { measureOutage } from './consult/outage.js';
import { samplesSince } from './consult/page-data.js';
import { measureRequests } from './consult/request-latency.js';
import { startConsultRig } from './consult/rig.js';
import { probe, signInConsole, signInStation } from './consult/sides.js';
import { consoleSteps, stationSteps } from './consult/steps-record.js';
import { collectVitals, vitalsFigures } from './consult/vitals-latency.js';

/**
 * bench:consult — a video consult between a browser-mode station and the hub console, in one
 * headless Chromium (fake camera and microphone, the e2e flags), every media packet relayed
 * by a real coturn behind test/support/udp-throttle.ts (relay-only ICE from the hub), so the
 * link can be cut or capped mid-call. Progress goes to stderr; the last stdout line is the JSON.
 * Every time is Date.now() on this one machine, read in whichever process saw the event. The
 * machine's load shows in every figure: run it with nothing else busy.
 *
 *  - request_to_console_ms: the MEDIAN over BENCH_CONSULT_REQUESTS (5) requests of: the
 *    station page's `consults.request` call returning → the console's MutationObserver seeing
 *    that consult's queue row inserted (no polling tick; painting not counted). p95 and each
 *    sample are extra fields.
 *  - accept_to_first_frame_ms: the specialist's Accept click (as the console page saw it) → the
 *    first remote video frame decoded (getStats framesDecoded > 0, watched every 25 ms) on the
 *    LATER of the two sides. In between the bench presses Call as soon as the consult shows
 *    accepted (Playwright's latency counted), and the station page clicks its join button the
 *    moment it is added: the doctor's reaction time is not counted. Relayed through coturn on
 *    loopback, no limit; `call_start` has the steps in between.
 *  - reconnect_after_outage_ms: all relay traffic dropped for 5 s (throttle.setBlocked), then
 *    from the unblock until BOTH sides have decoded 10 more remote frames (a straggling frame
 *    or two is not video back). `outage` also has each side's first frame, and the frames
 *    decoded during the last 3 s of the block (0 proves it held).
 *  - vitals_to_console_p95_ms: oximeter simulator (finger in) streaming during the call; over
 *    every SpO2/pulse reading the console collected (≥ 30), p95 of the console's receivedAt
 *    minus the reading's measuredAt (the driver's clock in the station core, when it parsed
 *    the packet). Measured during the first, unlimited, ladder hold.
 *  - ladder: each limit (kbit/s per client and direction at the throttle, null = none) held
 *    BENCH_CONSULT_HOLD_S (22) s; `mode` is the station's sending mode at the end (its call
 *    probe), `sent_kbps` its outbound RTP bytes, video + audio, over the last 5 s (getStats).
 *    The last hold (limit lifted) goes on, up to 50 s, until video modes have lasted 10 s:
 *    `ladder_detail[-1].video_restored_ms` is from lifting to the start of that run, null if
 *    none came. The oximeter (finger in from the first hold) and the demo station's simulated
 *    ECG stream into the call's data channel throughout, as in a consult with both attached:
 *    `ladder_detail` has what that channel carried (`data_kbps`) and each hold's vitals delay
 *    (readings that reach the console together are seen as one, the newest, so under
 *    congestion those figures are a lower bound); stderr has a line per second of each hold.
 *  - targets_met: request < 1 s (median), first frame < 2 s, reconnect < 10 s, vitals < 300 ms,
 *    `audio` at the end of the 100 kbit/s hold, video restored (as above) after lifting it.
 */
const HOLD_MS = Number(process.env.BENCH_CONSULT_HOLD_S ?? 22) * 1000;
const REQUESTS = Number(process.env.BENCH_CONSULT_REQUESTS ?? 5);
/** kbit/s; null is no limit. */
const LIMITS = [null, 1000, 500, 300, 150, 100, null];
const MIN_READINGS = 30;
const OUTAGE_MS = 5_000;

const log = (line: string): void => void process.stderr.write(`${line}\n`);

async function main(): Promise<void> {
  if (!(HOLD_MS >= 5_000) || !(REQUESTS >= 1))
    throw new Error('BENCH_CONSULT_HOLD_S must be ≥ 5, BENCH_CONSULT_REQUESTS ≥ 1');
  const began = Date.now();
  const rig = await startConsultRig(log);
  const { stationPage: station, consolePage: specialist, throttle } = rig;
  await Promise.all([signInConsole(specialist, rig.hub.url), signInStation(station, rig.station.url)]);

  const requests = await measureRequests(station, specialist, REQUESTS, log);
  const consultId = requests.consultIds.at(-1) ?? '';
  const start = await startCall(station, specialist, consultId);
  log(`call: first frames ${start.stationFirstFrameMs} ms (station), ${start.consoleFirstFrameMs} ms (console)`);
  await sleep(3_000);

  const stationState = () => probe(station, 'p.state', z.string().nullable());
  const outageAt = Date.now();
  const outage = await measureOutage(station, specialist, throttle, stationState, {
    blockMs: OUTAGE_MS,
    waitMs: 25_000,
  });
  log(`outage: video back on both sides ${outage.reconnectMs} ms after the link returned`);

  await station.evaluate(`window.station.devices.simulate({ device: 'oximeter', action: 'finger-in' })`);
  await collectVitals(specialist);
  const runs: HoldRun[] = [];
  for (const [i, limit] of LIMITS.entries()) {
    // Once the limit is lifted for good, the hold goes on until video has lasted (or gives up).
    const length =
      i < LIMITS.length - 1 ? { holdMs: HOLD_MS } : { holdMs: HOLD_MS, videoHeldMs: 10_000, maxMs: 50_000 };
    runs.push(await holdLimit(station, specialist, throttle, limit, length, log));
  }
  // Readings measured late in a hold may arrive in the next: looked at once everything ran.
  await sleep(2_000);
  const ladder = await Promise.all(
    runs.map(async ({ hold, from, to }) => {
      const v = await vitalsFigures(specialist, from, to);
      return {
        ...hold,
        vitals_p95_ms: v?.p95Ms ?? null,
        vitals_max_ms: v?.maxMs ?? null,
        vitals_readings: v?.readings ?? 0,
      };
    }),
  );
  // The headline vitals figure is the first, unlimited, hold's.
  const first = runs[0];
  const vitals = first ? await vitalsFigures(specialist, first.from, first.to) : null;
  if ((vitals?.readings ?? 0) < MIN_READINGS)
    log(`vitals: only ${vitals?.readings ?? 0} readings in the unlimited hold`);
  const figures = {
    request_to_console_ms: requests.medianMs,
    accept_to_first_frame_ms: start.firstFrameMs,
    reconnect_after_outage_ms: outage.reconnectMs,
    vitals_to_console_p95_ms: vitals?.p95Ms ?? null,
    ladder: ladder.map(({ limit_kbps, mode, sent_kbps }) => ({ limit_kbps, mode, sent_kbps })),
    targets_met: {
      request_under_1000_ms: requests.medianMs < 1_000,
      first_frame_under_2000_ms: start.firstFrameMs < 2_000,
      reconnect_under_10000_ms: outage.reconnectMs !== null && outage.reconnectMs < 10_000,
      vitals_under_300_ms: vitals !== null && vitals.p95Ms < 300,
      audio_at_100_kbps: ladder.find((h) => h.limit_kbps === 100)?.mode === 'audio',
      video_after_lifting: (ladder.at(-1)?.video_restored_ms ?? null) !== null,
    },
  };
  const ref = start.acceptAt;
  const secondsIn = (at: number) => Math.round((at - ref) / 100) / 10;
  const extra = {
    request_to_console_p95_ms: requests.p95Ms,
    request_to_console_samples_ms: requests.samplesMs,
    request_call_to_console_median_ms: requests.fromCallMedianMs,
    call_start: start,
    outage,
    vitals,
    selected_candidates: (await samplesSince(station, ref)).at(-1)?.candidates ?? null,
    ladder_detail: ladder,
    // Every ladder step of the call, in seconds after the Accept click, with the phases to read them by.
    phases_s: {
      outage: [secondsIn(outageAt), secondsIn(outageAt + OUTAGE_MS)],
      holds: runs.map((r) => ({ limit_kbps: r.hold.limit_kbps, from: secondsIn(r.from), to: secondsIn(r.to) })),
    },
    station_steps: await stationSteps(station, consultId, ref),
    console_steps: await consoleSteps(specialist, ref),
    bench_seconds: Math.round((Date.now() - began) / 1000),
  };
  await cleanAll();
  log(`bench:consult done in ${extra.bench_seconds} s`);
  console.log(JSON.stringify({ ...figures, ...extra }));
}

const abort = (signal: NodeJS.Signals): void => {
  log(`bench:consult interrupted (${signal}), stopping its processes`);
  void cleanAll().finally(() => process.exit(130));
};
process.once('SIGINT', abort);
process.once('SIGTERM', abort);

main().catch(async (error: unknown) => {
  console.error(error);
  await cleanAll();
  process.exit(1);
});
