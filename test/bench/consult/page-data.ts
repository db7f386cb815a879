import type { Page } from 'playwright-core';
import { z } from 'zod';

/** A moment the page's decoded video frame count grew (PAGE_SCRIPT's 25 ms watch). */
const Advance = z.object({ at: z.number(), pc: z.number(), added: z.number(), total: z.number() });
export type Advance = z.infer<typeof Advance>;

const n = z.number().nullable();
/** One second's getStats() counters of the page's newest open connection (PAGE_SCRIPT). */
const StatsSample = z.object({
  at: z.number(),
  pc: z.number(),
  videoBytesSent: z.number(),
  audioBytesSent: z.number(),
  videoBytesReceived: z.number(),
  audioBytesReceived: z.number(),
  framesDecoded: z.number(),
  /** Data channel payload and messages sent, and everything the transport sent (RTP, RTCP, SCTP, DTLS). */
  dataBytesSent: z.number(),
  dataMessagesSent: z.number(),
  transportBytesSent: z.number(),
  dataMessagesReceived: z.number(),
  /** Bytes waiting in the data channels this side opened (the station opens the call's). */
  dataBuffered: z.number(),
  concealedSamples: z.number(),
  totalSamplesReceived: z.number(),
  frameWidth: n,
  frameHeight: n,
  framesPerSecond: n,
  targetBitrate: n,
  limitation: z.string().nullable(),
  availableOutgoingBitrate: n,
  rtt: n,
  fractionLost: n,
  candidates: z.string().nullable(),
});
export type StatsSample = z.infer<typeof StatsSample>;

/** The frame advances the page has seen after `since` (Date.now() ms). */
export async function advancesSince(page: Page, since: number): Promise<Advance[]> {
  return z.array(Advance).parse(await page.evaluate(`window.__bench.advances.filter((a) => a.at > ${since})`));
}

/** The first moment after `since` by which at least `frames` more frames were decoded, or null. */
export async function framesBy(page: Page, since: number, frames: number): Promise<number | null> {
  let added = 0;
  for (const advance of await advancesSince(page, since)) {
    added += advance.added;
    if (added >= frames) return advance.at;
  }
  return null;
}

/** The stats samples taken after `since`. */
export async function samplesSince(page: Page, since: number): Promise<StatsSample[]> {
  return z.array(StatsSample).parse(await page.evaluate(`window.__bench.samples.filter((s) => s.at > ${since})`));
}

/**
 * Starts noting when elements matching `selector` first appear, keyed by their `key` attribute;
 * with `click`, each is clicked (element.click()) the moment it is noted.
 */
export async function watchFor(
  page: Page,
  selector: string,
  options: { key?: string; click?: boolean } = {},
): Promise<void> {
  const args = [selector, options.key ?? null, options.click === true].map((a) => JSON.stringify(a)).join(', ');
  await page.evaluate(`window.__bench.watch(${args})`);
}

/** When an element matching a watched selector (with that key value) first appeared, or null. */
export async function appearedAt(page: Page, selector: string, keyValue?: string): Promise<number | null> {
  const at: unknown = await page.evaluate(
    `window.__bench.appeared(${JSON.stringify(selector)}, ${JSON.stringify(keyValue ?? null)})`,
  );
  return z.number().nullable().parse(at);
}

/** When the page last saw a click on a button or link whose text is `text`, or null. */
export async function clickedAt(page: Page, text: string): Promise<number | null> {
  const at: unknown = await page.evaluate(
    `(window.__bench.clicks.filter((c) => c.text === ${JSON.stringify(text)}).at(-1) || { at: null }).at`,
  );
  return z.number().nullable().parse(at);
}

/**
 * Rates over the window [from, to] from the samples of one connection: kbit/s sent (video,
 * audio), and the share of received audio that was concealed. Null when the window holds
 * fewer than two samples of the same connection.
 */
export function windowRates(samples: readonly StatsSample[], from: number, to: number) {
  const inside = samples.filter((s) => s.at >= from && s.at <= to);
  const last = inside.at(-1);
  const first = inside.find((s) => s.pc === last?.pc);
  if (!first || !last || last.at <= first.at) return null;
  const kbps = (bytes: number) => Math.round((bytes * 8) / (last.at - first.at));
  const samplesIn = last.totalSamplesReceived - first.totalSamplesReceived;
  return {
    ms: last.at - first.at,
    videoKbps: kbps(last.videoBytesSent - first.videoBytesSent),
    audioKbps: kbps(last.audioBytesSent - first.audioBytesSent),
    receivedKbps: kbps(
      last.videoBytesReceived - first.videoBytesReceived + last.audioBytesReceived - first.audioBytesReceived,
    ),
    dataKbps: kbps(last.dataBytesSent - first.dataBytesSent),
    dataMessagesPerS: Math.round(((last.dataMessagesSent - first.dataMessagesSent) * 1000) / (last.at - first.at)),
    transportKbps: kbps(last.transportBytesSent - first.transportBytesSent),
    concealment: samplesIn > 0 ? (last.concealedSamples - first.concealedSamples) / samplesIn : null,
    last,
  };
}
