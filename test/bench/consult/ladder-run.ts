import type { Page } from 'playwright-core';
import { z } from 'zod';
import type { UdpThrottle } from '../../support/udp-throttle.js';
import { round, sleep } from '../lib/stats.js';
import { holdTimeline } from './hold-timeline.js';
import type { ModeAt } from './hold-timeline.js';
import { samplesSince, windowRates } from './page-data.js';
import { modeOf, probe } from './sides.js';

/** What one hold of a limit ended with. */
export interface LadderHold {
  /** null: no limit. */
  readonly limit_kbps: number | null;
  /** The station's sending mode at the end of the hold (its call probe). */
  readonly mode: string | null;
  /** The station's outbound RTP bytes (video + audio) over the last 5 s, kbit/s. */
  readonly sent_kbps: number | null;
  readonly video_kbps: number | null;
  readonly audio_kbps: number | null;
  /** The station's data channel payload (stills, live vitals, mode messages), and its messages. */
  readonly data_kbps: number | null;
  readonly data_messages_per_s: number | null;
  /** Everything the station's transport sent (RTP, RTCP, SCTP, DTLS; no TURN framing). */
  readonly transport_kbps: number | null;
  /** What the console said the station sends in (its remoteMode) at the end, and its own mode. */
  readonly console_remote_mode: string | null;
  readonly console_mode: string | null;
  /** The console's remoteMode each second, collapsed like `modes_seen`. */
  readonly console_heard_seen: string;
  /** Whether the console showed a still of the station at the end. */
  readonly console_still_shown: boolean | null;
  /** The share of the station's audio the console concealed over the last 5 s. */
  readonly console_audio_concealment: number | null;
  /** Chromium's estimate on the station side, and what its encoder ended at. */
  readonly available_kbps: number | null;
  readonly outbound_video: string | null;
  readonly limitation: string | null;
  /** The station's mode each second of the hold (the first read before the limit), collapsed: "v360p15×3 v270p15×19". */
  readonly modes_seen: string;
  /** How many times the station's mode changed during the hold. */
  readonly changes: number;
  /**
   * Only for a hold asked to watch for it: from setting the limit to the start of the first
   * run of video modes that lasted `videoHeldMs` (null: none did within the hold).
   */
  readonly video_restored_ms: number | null;
  /** From setting the limit to the station's first change of mode (null: none). */
  readonly first_change_ms: number | null;
  /** From setting the limit to the station entering the mode it ended in (null: it never left it). */
  readonly settled_ms: number | null;
  readonly hold_ms: number;
}

const RATE_WINDOW_MS = 5_000;

const collapse = (modes: readonly (string | null)[]): string => {
  const runs: { mode: string; n: number }[] = [];
  for (const mode of modes.map((m) => m ?? '-')) {
    const last = runs.at(-1);
    if (last?.mode === mode) last.n++;
    else runs.push({ mode, n: 1 });
  }
  return runs.map((r) => `${r.mode}×${r.n}`).join(' ');
};

/** How long a hold lasts; with `videoHeldMs` it goes on (up to `maxMs`) until video has held that long. */
export interface HoldLength {
  readonly holdMs: number;
  readonly videoHeldMs?: number;
  readonly maxMs?: number;
}

/** When the first run of video modes at least `heldMs` long began, or null. */
function videoHeldSince(modes: readonly ModeAt[], heldMs: number): number | null {
  let since: number | null = null;
  for (const m of modes) {
    if (m.mode === null || m.mode === 'audio') since = null;
    else if (since === null) since = m.at;
    else if (m.at - since >= heldMs) return since;
  }
  return null;
}

const Heard = z.object({ mode: z.string().nullable(), remote: z.string().nullable(), still: z.boolean() });

/** A hold's figures and when it ran (Date.now() ms), for what is worked out after the run. */
export interface HoldRun {
  readonly hold: LadderHold;
  readonly from: number;
  readonly to: number;
}

/**
 * Holds one per-client limit on the relay link (both directions, both peers) for `length`,
 * reading the station's mode and what the console hears every second; at the end reads the
 * rates from the pages' own getStats() samples (PAGE_SCRIPT) over the last 5 s.
 */
export async function holdLimit(
  station: Page,
  specialist: Page,
  throttle: UdpThrottle,
  limitKbps: number | null,
  length: HoldLength,
  log: (line: string) => void,
): Promise<HoldRun> {
  const before = await modeOf(station);
  throttle.setLimit(limitKbps === null ? null : (limitKbps * 1000) / 8);
  const start = Date.now();
  const modes: ModeAt[] = [{ at: start, mode: before }];
  const heard: (z.infer<typeof Heard> | null)[] = [];
  const { holdMs, videoHeldMs } = length;
  let restored: number | null = null;
  const maxMs = Math.max(holdMs, length.maxMs ?? holdMs);
  while (Date.now() - start < (videoHeldMs === undefined || restored !== null ? holdMs : maxMs)) {
    await sleep(1_000 - ((Date.now() - start) % 1_000));
    modes.push({ at: Date.now(), mode: await modeOf(station) });
    heard.push(await probe(specialist, '({ mode: p.mode, remote: p.remoteMode, still: p.snapshotShown })', Heard));
    restored ??= videoHeldMs === undefined ? null : videoHeldSince(modes, videoHeldMs);
    if (restored !== null && Date.now() - start >= holdMs) break;
  }
  const end = Date.now();
  const mode = modes.at(-1)?.mode ?? null;
  const firstLeft = modes.findIndex((m) => m.mode !== modes[0]?.mode);
  let entered = modes.length - 1;
  while (entered > 0 && modes[entered - 1]?.mode === mode) entered--;
  const window = async (page: Page) =>
    windowRates(await samplesSince(page, end - RATE_WINDOW_MS - 1_500), end - RATE_WINDOW_MS - 500, end);
  const sent = await window(station);
  const received = await window(specialist);
  const last = sent?.last;
  const concealment = received?.concealment ?? null;
  const estimate = last?.availableOutgoingBitrate ?? null;
  const width = last?.frameWidth ?? null;
  const hold: LadderHold = {
    limit_kbps: limitKbps,
    mode,
    sent_kbps: sent ? sent.videoKbps + sent.audioKbps : null,
    video_kbps: sent?.videoKbps ?? null,
    audio_kbps: sent?.audioKbps ?? null,
    data_kbps: sent?.dataKbps ?? null,
    data_messages_per_s: sent?.dataMessagesPerS ?? null,
    transport_kbps: sent?.transportKbps ?? null,
    console_remote_mode: heard.at(-1)?.remote ?? null,
    console_mode: heard.at(-1)?.mode ?? null,
    console_heard_seen: collapse(heard.map((h) => h?.remote ?? null)),
    console_still_shown: heard.at(-1)?.still ?? null,
    console_audio_concealment: concealment === null ? null : round(concealment, 3),
    available_kbps: estimate === null ? null : Math.round(estimate / 1000),
    outbound_video: width === null ? null : `${width}x${last?.frameHeight ?? '?'}@${last?.framesPerSecond ?? '?'}`,
    limitation: last?.limitation ?? null,
    modes_seen: collapse(modes.map((m) => m.mode)),
    changes: modes.filter((m, i) => i > 0 && m.mode !== modes[i - 1]?.mode).length,
    video_restored_ms: restored === null ? null : restored - start,
    first_change_ms: firstLeft === -1 ? null : (modes[firstLeft]?.at ?? end) - start,
    settled_ms: firstLeft === -1 ? null : (modes[entered]?.at ?? end) - start,
    hold_ms: end - start,
  };
  log(
    `ladder ${limitKbps ?? 'unlimited'} kbit/s: ${hold.mode}, sent ${hold.sent_kbps} kbit/s, estimate ` +
      `${hold.available_kbps}; station ${hold.modes_seen}; console hears ${hold.console_heard_seen}`,
  );
  const timeline = holdTimeline(
    start,
    modes,
    await samplesSince(station, start - 1_000),
    await samplesSince(specialist, start - 2_000),
  );
  for (const line of timeline) log(line);
  return { hold, from: start, to: end };
}
