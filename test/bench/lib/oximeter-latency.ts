import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import type { Page } from '@playwright/test';
import { z } from 'zod';
import { ensureRendererBuilt, rendererOutDir } from '../../../scripts/lib/renderer-build.js';
import { OximeterLog, StationReady } from './bench-ipc.js';
import { onCleanup, startChild } from './children.js';
import { FRAMES_IN_ONE_SECOND, PLETH_PROBE_SCRIPT, PROBE_COUNT, PROBE_TAKE, ProbeRecord } from './pleth-probe.js';
import { percentile, round, sleep } from './stats.js';

const PIN = '1234';

export interface OximeterFigures {
  readonly toScreenP50Ms: number;
  readonly toScreenP95Ms: number;
  /** Simulator write to the page's subscription receiving the event (no drawing). */
  readonly toPageP95Ms: number;
  readonly samples: number;
  readonly seconds: number;
  /** Whether the oximeter view (with its pleth canvas) was on screen while measuring. */
  readonly viewShown: boolean;
  /** Animation frames per second in the page after measuring (headless Chromium paces them itself). */
  readonly pageFps: number;
}

/** Signs the demo doctor in on the PIN pad, as test/e2e/fixtures.ts does. */
async function signIn(page: Page): Promise<void> {
  await page.getByRole('button', { name: '演示医生' }).click();
  for (const digit of PIN) await page.getByRole('button', { name: digit, exact: true }).click();
  await page.getByRole('button', { name: '确定' }).click();
  await page.getByTestId('signed-in-doctor').waitFor({ state: 'visible', timeout: 15_000 });
}

/**
 * Latency of every pleth sample from the simulated oximeter writing its packet to the frame
 * that shows it: browser-mode station (core, web shell, CMS50E simulator on a socat pair) in
 * its own process, real Chromium on the vitals screen. Sample k of the session is the k-th live
 * packet the simulator wrote after the station started the stream; the values are compared
 * with what the simulator sent, so a misnumbered sample fails the bench instead of skewing it.
 */
export async function runOximeterLatency(options: {
  entry: string;
  dir: string;
  seconds: number;
  log: (line: string) => void;
}): Promise<OximeterFigures> {
  const { dir, log } = options;
  await ensureRendererBuilt(log);
  const dataDir = join(dir, 'oximeter-station');
  mkdirSync(dataDir, { recursive: true });
  const station = startChild(
    options.entry,
    [],
    {
      BENCH_STATION_RIG: 'oximeter',
      CUNYI_DATA_DIR: dataDir,
      CUNYI_RENDERER_DIR: rendererOutDir,
      CUNYI_DEMO_PIN: PIN,
      CUNYI_LOG_LEVEL: 'warn',
    },
    join(dir, 'oximeter-station.log'),
  );
  const ready = await station
    .next(StationReady, () => true, 60_000)
    .catch((error: unknown) => {
      throw new Error(`oximeter station did not start: ${String(error)}\n${station.logTail()}`);
    });

  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--no-first-run', '--disable-background-networking', '--disable-component-update'],
  });
  onCleanup(() => browser.close());
  const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  page.on('pageerror', (error) => log(`page error: ${error.message}`));
  await page.addInitScript({ content: PLETH_PROBE_SCRIPT });
  await page.goto(`${ready.url}#/vitals`);
  await signIn(page);
  const viewShown = await page
    .getByTestId('oximeter-view')
    .locator('canvas')
    .waitFor({ state: 'visible', timeout: 20_000 })
    .then(() => true)
    .catch(() => false);
  if (!viewShown) log('oximeter: the vitals screen shows no pleth canvas; measuring to the next frame without it');
  await page.waitForFunction(`${PROBE_COUNT} >= 60`, undefined, { timeout: 30_000 });
  // What arrived while the screen was being opened is not the steady state: start afresh.
  await page.evaluate(PROBE_TAKE);
  log(`oximeter: measuring ${options.seconds} s of pleth on the vitals screen`);
  for (let waited = 0; waited < options.seconds; waited += 10) {
    await sleep(Math.min(10, options.seconds - waited) * 1000);
    log(`oximeter: ${Math.min(options.seconds, waited + 10)} s`);
  }
  // Let the frame after the last event run before collecting.
  await sleep(200);
  const records = z.array(ProbeRecord).parse(await page.evaluate(PROBE_TAKE));
  const pageFps = z.number().parse(await page.evaluate(FRAMES_IN_ONE_SECOND));
  station.send({ type: 'oximeter-log' });
  const sent = await station.next(OximeterLog, () => true, 10_000);
  await browser.close();
  await station.stop();
  return { ...figures(records, sent), seconds: options.seconds, viewShown, pageFps };
}

function figures(records: readonly ProbeRecord[], sent: OximeterLog) {
  // The write log and the simulator's own record must tell the same story before either is used.
  const common = Math.min(sent.writtenPleth.length, sent.sentPleth.length);
  for (let k = 0; k < common; k++) {
    if (sent.writtenPleth[k] !== sent.sentPleth[k]) throw new Error(`oximeter: write log and simulator differ at ${k}`);
  }
  const toScreen: number[] = [];
  const toPage: number[] = [];
  let mismatched = 0;
  let unmatched = 0;
  for (const record of records) {
    if (record.shown === null) continue;
    const shown = record.shown;
    record.values.forEach((value, i) => {
      const k = record.seq + i;
      const writtenAt = sent.writtenAt[k];
      const expected = sent.sentPleth[k];
      if (writtenAt === undefined || expected === undefined) unmatched++;
      else if (expected !== value) mismatched++;
      else {
        toScreen.push(shown - writtenAt);
        toPage.push(record.received - writtenAt);
      }
    });
  }
  if (mismatched > 0 || unmatched > 0 || toScreen.length === 0) {
    throw new Error(
      `oximeter: samples do not line up with what the simulator sent (${mismatched} differ, ${unmatched} never sent, ${toScreen.length} match)`,
    );
  }
  return {
    toScreenP50Ms: round(percentile(toScreen, 50)),
    toScreenP95Ms: round(percentile(toScreen, 95)),
    toPageP95Ms: round(percentile(toPage, 95)),
    samples: toScreen.length,
  };
}
