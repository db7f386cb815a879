import type { Page } from 'playwright-core';
import { median, percentile, sleep } from '../lib/stats.js';
import { appearedAt, watchFor } from './page-data.js';
import { requestConsult } from './sides.js';

const ENTRY = 'tr[data-testid="queue-entry"]';

/** Request to queue: per request, from the call returning and from the call being made. */
export interface RequestFigures {
  readonly medianMs: number;
  readonly p95Ms: number;
  readonly maxMs: number;
  readonly fromCallMedianMs: number;
  readonly samplesMs: number[];
  /** The consults asked for, oldest first (the last is the one the bench calls on). */
  readonly consultIds: string[];
}

/**
 * `count` consult requests, one after another, each from a new patient's visit, while the
 * specialist's console shows her queue. Each is timed from `consults.request` returning on the
 * station page (Date.now() there) to the MutationObserver in the console page seeing its queue
 * row added (Date.now() there): both pages run on this machine's clock, and the observer fires
 * when the row is inserted, not at a polling tick. Rendering the row to pixels is not counted.
 */
export async function measureRequests(
  station: Page,
  specialist: Page,
  count: number,
  log: (line: string) => void,
): Promise<RequestFigures> {
  await watchFor(specialist, ENTRY, { key: 'data-consult-id' });
  const samples: number[] = [];
  const fromCall: number[] = [];
  const consultIds: string[] = [];
  for (let n = 1; n <= count; n++) {
    const { consultId, before, after } = await requestConsult(station, n);
    consultIds.push(consultId);
    await specialist.locator(`${ENTRY}[data-consult-id="${consultId}"]`).waitFor({ timeout: 15_000 });
    const shown = await appearedAt(specialist, ENTRY, consultId);
    if (shown === null) throw new Error(`the console showed consult ${consultId} but its observer missed it`);
    samples.push(shown - after);
    fromCall.push(shown - before);
    log(`request ${n}: in the queue ${shown - after} ms after the request returned (${after - before} ms call)`);
    // Let the ring and the queue's reload settle, as a doctor's next request would.
    await sleep(500);
  }
  return {
    medianMs: median(samples),
    p95Ms: percentile(samples, 95),
    maxMs: Math.max(...samples),
    fromCallMedianMs: median(fromCall),
    samplesMs: samples,
    consultIds,
  };
}
