import type { Page } from 'playwright-core';
import { z } from 'zod';
import { percentile, round } from '../lib/stats.js';

const Seen = z.object({
  kind: z.string(),
  value: z.number(),
  measuredAt: z.number(),
  sentAt: z.number(),
  receivedAt: z.number(),
});

/** Live readings from the station's core to the specialist's console. */
export interface VitalsFigures {
  readonly p95Ms: number;
  readonly p50Ms: number;
  readonly maxMs: number;
  readonly readings: number;
  readonly kinds: string[];
  /** measuredAt → sentAt: core, socket to the renderer, renderer framing (station side). */
  readonly toSendP95Ms: number;
  /** sentAt → receivedAt: the data channel through the relay and the console's decoding. */
  readonly channelP95Ms: number;
}

/**
 * Starts collecting, in the console page, every live reading its call probe holds: the probe
 * keeps the latest value per kind, so it is read every 10 ms and each new (kind, measuredAt)
 * is kept with the probe's own stamps. The stamps, not the reading time, make the figure.
 */
export async function collectVitals(specialist: Page): Promise<void> {
  await specialist.evaluate(`(() => {
    const seen = new Map();
    window.__benchVitals = seen;
    setInterval(() => {
      const vitals = window.__cunyiCall ? window.__cunyiCall.vitals : {};
      for (const v of Object.values(vitals)) {
        const key = v.kind + '@' + v.measuredAt;
        if (!seen.has(key)) seen.set(key, { kind: v.kind, value: v.value, measuredAt: v.measuredAt, sentAt: v.sentAt, receivedAt: v.receivedAt });
      }
    }, 10);
  })()`);
}

/**
 * The figures over the readings measured in [from, to] that have reached the console: its
 * receivedAt (its Date.now()) minus the reading's measuredAt (the oximeter driver's Date.now()
 * in the station core when it parsed the packet). Both processes read this machine's clock,
 * so the difference is a real delay. Null when none came.
 */
export async function vitalsFigures(specialist: Page, from: number, to: number): Promise<VitalsFigures | null> {
  const all = z.array(Seen).parse(await specialist.evaluate('[...window.__benchVitals.values()]'));
  const seen = all.filter((v) => v.measuredAt >= from && v.measuredAt <= to);
  if (seen.length === 0) return null;
  const total = seen.map((v) => v.receivedAt - v.measuredAt);
  return {
    p95Ms: round(percentile(total, 95), 0),
    p50Ms: round(percentile(total, 50), 0),
    maxMs: Math.max(...total),
    readings: seen.length,
    kinds: [...new Set(seen.map((v) => v.kind))],
    toSendP95Ms: round(
      percentile(
        seen.map((v) => v.sentAt - v.measuredAt),
        95,
      ),
      0,
    ),
    channelP95Ms: round(
      percentile(
        seen.map((v) => v.receivedAt - v.sentAt),
        95,
      ),
      0,
    ),
  };
}
