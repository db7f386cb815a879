import type { Page } from 'playwright-core';
import type { UdpThrottle } from '../../support/udp-throttle.js';
import { sleep } from '../lib/stats.js';
import { advancesSince, framesBy } from './page-data.js';

/** A 5-second outage of the relay link, and how the call came back. */
export interface OutageFigures {
  /**
   * From unblocking until both sides had decoded FLOWING_FRAMES more remote frames (video
   * flowing again: a frame or two may still trickle in after the sender has gone audio-only);
   * null if not within the wait.
   */
  readonly reconnectMs: number | null;
  readonly stationMs: number | null;
  readonly consoleMs: number | null;
  /** From unblocking to each side's first remote frame decoded after it. */
  readonly stationFirstFrameMs: number | null;
  readonly consoleFirstFrameMs: number | null;
  /** Frames decoded during the last 3 s of the outage, per side: 0 proves the block held. */
  readonly framesDuringOutage: { station: number; console: number };
  readonly stateAfter: string | null;
}

/** Remote frames each side must decode after the outage for the video to count as back. */
export const FLOWING_FRAMES = 10;

const added = async (page: Page, from: number, to: number) =>
  (await advancesSince(page, from)).filter((a) => a.at <= to).reduce((sum, a) => sum + a.added, 0);

/**
 * Blocks every packet both ways at the throttle (coturn's port: all media of both peers) for
 * `blockMs`, lifts it, and waits up to `waitMs` for remote frames to advance again on both
 * sides, timed from the unblock (the bench's Date.now()) to the moment each page's frame count
 * had grown by FLOWING_FRAMES (its Date.now(), seen every 25 ms).
 */
export async function measureOutage(
  station: Page,
  specialist: Page,
  throttle: UdpThrottle,
  state: () => Promise<string | null>,
  options: { blockMs: number; waitMs: number },
): Promise<OutageFigures> {
  throttle.setBlocked(true);
  const blockedAt = Date.now();
  await sleep(options.blockMs);
  throttle.setBlocked(false);
  const unblockedAt = Date.now();
  const quietFrom = blockedAt + Math.max(0, options.blockMs - 3_000);
  const framesDuringOutage = {
    station: await added(station, quietFrom, unblockedAt),
    console: await added(specialist, quietFrom, unblockedAt),
  };
  const since = async (page: Page, frames: number) => {
    const at = await framesBy(page, unblockedAt, frames);
    return at === null ? null : at - unblockedAt;
  };
  let stationMs: number | null = null;
  let consoleMs: number | null = null;
  while (Date.now() - unblockedAt < options.waitMs && (stationMs === null || consoleMs === null)) {
    await sleep(100);
    stationMs = await since(station, FLOWING_FRAMES);
    consoleMs = await since(specialist, FLOWING_FRAMES);
  }
  return {
    reconnectMs: stationMs !== null && consoleMs !== null ? Math.max(stationMs, consoleMs) : null,
    stationMs,
    consoleMs,
    stationFirstFrameMs: await since(station, 1),
    consoleFirstFrameMs: await since(specialist, 1),
    framesDuringOutage,
    stateAfter: await state(),
  };
}
