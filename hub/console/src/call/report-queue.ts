import type { ConsoleCallReport } from '../../../server/consults/console-wire.js';
import { AdminApiError } from '../api/http.js';

/** Tries a report this many times when the hub cannot be reached (it may be restarting). */
export const REPORT_ATTEMPTS = 5;
export const REPORT_RETRY_MS = 2_000;

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Sends call reports one after another, in order (a start before its steps, an end last), and
 * retries one that could not reach the hub. A report the hub refuses is dropped: the call goes on.
 */
export function createReportQueue(
  send: (report: ConsoleCallReport) => Promise<void>,
  retryMs = REPORT_RETRY_MS,
): { push(report: ConsoleCallReport): void; idle(): Promise<void> } {
  let tail = Promise.resolve();
  const deliver = async (report: ConsoleCallReport) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await send(report);
      } catch (error) {
        const unreachable = error instanceof AdminApiError && (error.code === 'network' || error.code === 'internal');
        if (!unreachable || attempt >= REPORT_ATTEMPTS) return;
        await wait(retryMs);
      }
    }
  };
  return {
    push(report) {
      tail = tail.then(() => deliver(report));
    },
    idle: () => tail,
  };
}
