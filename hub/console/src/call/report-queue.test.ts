import { describe, expect, it } from 'vitest';
import type { ConsoleCallReport } from '../../../server/consults/console-wire.js';
import { AdminApiError } from '../api/http.js';
import { createReportQueue, REPORT_ATTEMPTS } from './report-queue.js';

const CALL = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';

describe('report queue', () => {
  it('retries a report the hub could not be reached for, then sends the next in order', async () => {
    const delivered: string[] = [];
    let failures = 2;
    const queue = createReportQueue(async (report) => {
      if (report.event === 'started' && failures-- > 0) throw new AdminApiError('network', 'down');
      delivered.push(report.event);
    }, 1);
    queue.push({ event: 'started', callId: CALL, mode: 'v360p15' });
    queue.push({ event: 'ended', callId: CALL });
    await queue.idle();
    expect(delivered).toEqual(['started', 'ended']);
  });

  it('drops a report the hub refuses, and gives up on an unreachable hub after a few tries', async () => {
    const tries: ConsoleCallReport[] = [];
    const refusing = createReportQueue(async (report) => {
      tries.push(report);
      throw new AdminApiError(report.event === 'started' ? 'wrong_state' : 'network', 'no');
    }, 1);
    refusing.push({ event: 'started', callId: CALL, mode: 'audio' });
    refusing.push({ event: 'ended', callId: CALL });
    await refusing.idle();
    expect(tries.filter((r) => r.event === 'started')).toHaveLength(1);
    expect(tries.filter((r) => r.event === 'ended')).toHaveLength(REPORT_ATTEMPTS);
  });
});
