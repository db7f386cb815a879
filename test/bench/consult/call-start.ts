import type { Page } from 'playwright-core';
import { sleep } from '../lib/stats.js';
import { appearedAt, clickedAt, framesBy, watchFor } from './page-data.js';

const ACCEPT = '接诊';
const CALL = '呼叫卫生室';
const JOIN_TEXT = '加入通话';
const JOIN_BUTTON = '[data-testid="consult-alert-join"]';

/** From the specialist's Accept to video both ways, in ms after the Accept click. */
export interface CallStartFigures {
  /** The Accept click, Date.now() ms: the reference for the run's other times. */
  readonly acceptAt: number;
  /** The later of the two sides' first decoded remote frame. */
  readonly firstFrameMs: number;
  readonly consoleFirstFrameMs: number;
  readonly stationFirstFrameMs: number;
  /** The consult shown as accepted, then the Call click (made as soon as it could be). */
  readonly acceptedMs: number;
  readonly callClickMs: number;
  /** The station's join button added to the page, and clicked by the page's watcher right then. */
  readonly stationAlertMs: number;
  readonly joinClickMs: number;
  /** The station's call page connected (its call-state shows connected), as Playwright saw it. */
  readonly stationConnectedMs: number;
}

/**
 * The specialist opens the consult from her queue and presses Accept, then Call as soon as the
 * page offers it; the station joins the moment it is rung (PAGE_SCRIPT clicks the join button
 * as its MutationObserver sees it added), so the doctor's reaction time is not counted. Opening
 * the consult and Playwright's latency between Accept and Call are counted. The clock starts
 * at the Accept click as the console page saw it, and stops at the first remote video frame
 * decoded (getStats framesDecoded > 0, watched every 25 ms in each page) on the later side.
 */
export async function startCall(station: Page, specialist: Page, consultId: string): Promise<CallStartFigures> {
  const join = `[data-testid="consult-alert"][data-consult="${consultId}"] ${JOIN_BUTTON}`;
  await watchFor(station, join, { click: true });
  await specialist.locator(`tr[data-testid="queue-entry"][data-consult-id="${consultId}"]`).getByRole('link').click();
  const consult = specialist.locator(`[data-testid="consult-page"][data-consult-id="${consultId}"]`);
  await consult.waitFor();
  const since = Date.now();
  await consult.getByRole('button', { name: ACCEPT }).click();
  await specialist
    .locator(`[data-testid="consult-page"][data-consult-id="${consultId}"][data-state="accepted"]`)
    .waitFor();
  const acceptedSeen = Date.now();
  await consult.getByRole('button', { name: CALL }).click();
  await station.locator('[data-testid="call-state"][data-state="connected"]').waitFor({ timeout: 20_000 });
  const connectedSeen = Date.now();
  const accept = await clickedAt(specialist, ACCEPT);
  const call = await clickedAt(specialist, CALL);
  const alert = await appearedAt(station, join);
  const joinClick = await clickedAt(station, JOIN_TEXT);
  if (accept === null || accept < since) throw new Error('the console page did not see the Accept click');
  let onConsole: number | null = null;
  let onStation: number | null = null;
  for (let waited = 0; waited < 30_000 && (onConsole === null || onStation === null); waited += 100) {
    await sleep(100);
    onConsole = await framesBy(specialist, accept, 1);
    onStation = await framesBy(station, accept, 1);
  }
  if (onConsole === null || onStation === null) throw new Error('no remote video frame within 30 s of the call');
  const after = (at: number | null) => (at === null ? Number.NaN : at - accept);
  return {
    acceptAt: accept,
    firstFrameMs: Math.max(onConsole, onStation) - accept,
    consoleFirstFrameMs: onConsole - accept,
    stationFirstFrameMs: onStation - accept,
    acceptedMs: acceptedSeen - accept,
    callClickMs: after(call),
    stationAlertMs: after(alert),
    joinClickMs: after(joinClick),
    stationConnectedMs: after(connectedSeen),
  };
}
