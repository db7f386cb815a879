import type { Page } from 'playwright-core';
import { z } from 'zod';
import { round } from '../lib/stats.js';

const Step = z.object({ at: z.union([z.string(), z.number()]), from: z.string(), to: z.string(), reason: z.string() });

/** A ladder step, `t_s` seconds after the reference moment. */
export interface TimedStep {
  readonly t_s: number;
  readonly from: string;
  readonly to: string;
  readonly reason: string;
}

const timed = (steps: z.infer<typeof Step>[], since: number): TimedStep[] =>
  steps
    .map((s) => ({ at: typeof s.at === 'number' ? s.at : Date.parse(s.at), from: s.from, to: s.to, reason: s.reason }))
    .filter((s) => s.at >= since)
    .map((s) => ({ t_s: round((s.at - since) / 1000), from: s.from, to: s.to, reason: s.reason }));

/**
 * The station's ladder steps since `since`, as its call page reported them to the core for the
 * consult's history (`consults.get`, every call of the consult): the station's probe has no
 * history() of its own.
 */
export async function stationSteps(station: Page, consultId: string, since: number): Promise<TimedStep[]> {
  const steps: unknown = await station.evaluate(
    `window.station.consults.get({ consultId: ${JSON.stringify(consultId)} }).then((c) => c.calls.flatMap((call) => call.steps))`,
  );
  return timed(z.array(Step).parse(steps), since);
}

/** The console's own ladder steps since `since` (its probe's history()). */
export async function consoleSteps(specialist: Page, since: number): Promise<TimedStep[]> {
  const steps: unknown = await specialist.evaluate('window.__cunyiCall ? [...window.__cunyiCall.history()] : []');
  return timed(z.array(Step).parse(steps), since);
}
