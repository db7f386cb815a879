import { pause } from '../support/wait.js';
import { startHub, startStation } from '../support/station-process.js';
import type { HubProcess, StationProcess } from '../support/station-process.js';
import {
  connectConsultCall,
  expectFramesAdvance,
  framesDecoded,
  linkProbe,
  specialistsEnv,
  startThrottledRelay,
  stationOf,
} from './consult-steps.js';
import type { ThrottledRelay } from './consult-steps.js';
import { DEMO_PIN, expect, keepLogOnFailureAndClean, signInDemoDoctor, test } from './fixtures.js';

/** 100 kbit/s, per client and direction at the relay: below the ladder's floor for video. */
const THIN_LINK_BYTES_PER_S = 12_500;

/**
 * A consult call relayed through coturn (the hub hands out relay-only ICE) behind a UDP
 * throttle, so every media packet of both sides can be cut or capped mid-call: after a
 * 5-second outage video flows both ways within 10 s; at 100 kbit/s the station falls back to
 * audio with stills and says so, the specialist hears it, knows it and sees stills; once the
 * cap is lifted, video comes back and stays; and when the hub restarts mid-call the media
 * carries on (it never goes through the hub) and both sides reconnect to it.
 */
test('a relayed call survives an outage, falls back to audio and stills at 100 kbit/s, gets video back, and outlives a hub restart', async ({
  page,
  browser,
}, testInfo) => {
  test.setTimeout(120_000);
  let relay: ThrottledRelay | null = null;
  let hub: HubProcess | null = null;
  let station: StationProcess | null = null;
  try {
    relay = await startThrottledRelay();
    const { throttle } = relay;
    const callHub = await startHub({ env: { ...specialistsEnv, ...relay.hubEnv } });
    hub = callHub;
    const callStation = await startStation({
      hubUrl: callHub.url,
      env: { CUNYI_DEMO_PIN: DEMO_PIN, CUNYI_ENROLLMENT_CODE: await callHub.enrollmentCode() },
    });
    station = callStation;
    await page.goto(`${callStation.url}#/patients`);
    await signInDemoDoctor(page);
    const { specialist } = await test.step('connect the call', () =>
      connectConsultCall(page, browser, callHub, callStation));
    const consolePage = specialist.page;
    // The demo ECG streams its leads live into the call (on a lossy channel of its own, with
    // backpressure); this test is about the ladder and the link, so the ECG is unplugged.
    await stationOf(page)((s) => s.devices.simulate({ device: 'ecg', action: 'unplug' }));
    // Relay only: the call's packets cross the throttle, so what it does below is the link.
    expect(throttle.stats().carried).toBeGreaterThan(100_000);

    await test.step('a 5-second outage: nothing gets through, then video flows both ways within 10 s', async () => {
      throttle.setBlocked(true);
      await pause(2_000);
      const frozen = [await framesDecoded(page), await framesDecoded(consolePage)] as const;
      await pause(3_000);
      expect([await framesDecoded(page), await framesDecoded(consolePage)]).toEqual(frozen);
      throttle.setBlocked(false);
      const back = Date.now();
      await Promise.all([
        expectFramesAdvance(page, frozen[0], 10, 10_000),
        expectFramesAdvance(consolePage, frozen[1], 10, 10_000),
      ]);
      expect(Date.now() - back).toBeLessThan(10_000);
    });

    await test.step('100 kbit/s: the station goes audio-only and says so; the console hears it, says so and shows stills', async () => {
      throttle.setLimit(THIN_LINK_BYTES_PER_S);
      await expect(page.getByTestId('call-mode')).toHaveAttribute('data-mode', 'audio', { timeout: 15_000 });
      await expect.poll(() => linkProbe(consolePage, (p) => p.remoteMode), { timeout: 10_000 }).toBe('audio');
      await expect(consolePage.getByTestId('call-still')).toBeVisible({ timeout: 10_000 });
      await expect
        .poll(() => linkProbe(consolePage, (p) => p.quality()?.receivedKbps ?? 0), { timeout: 5_000 })
        .toBeGreaterThan(8);
    });

    await test.step('lifted: video comes back on the station and the console decodes it for a while', async () => {
      throttle.setLimit(null);
      await expect(page.getByTestId('call-mode')).not.toHaveAttribute('data-mode', 'audio', { timeout: 20_000 });
      await expectFramesAdvance(consolePage, await framesDecoded(consolePage), 30, 15_000);
      // Still video after those frames: the step up held rather than failing straight back.
      expect(await linkProbe(page, (p) => p.mode)).not.toBe('audio');
    });

    await test.step('the hub restarts mid-call: media carries on, both sides reconnect to it', async () => {
      const { port, dataDir } = callHub;
      await callHub.stop({ keepData: true });
      hub = null;
      await expect(consolePage.getByTestId('socket-lost')).toBeVisible();
      // Media does not go through the hub: frames keep decoding while it is away.
      await expectFramesAdvance(page, await framesDecoded(page), 20, 15_000);
      await expectFramesAdvance(consolePage, await framesDecoded(consolePage), 20, 15_000);
      hub = await startHub({ port, dataDir, env: { ...specialistsEnv, ...relay?.hubEnv } });
      await expect(consolePage.getByTestId('socket-lost')).toBeHidden({ timeout: 15_000 });
      await expect(page.getByTestId('call-hub-offline')).toBeHidden({ timeout: 15_000 });
      await expect(page.getByTestId('call-state')).toHaveAttribute('data-state', 'connected');
      await expectFramesAdvance(page, await framesDecoded(page), 20, 15_000);
      await expectFramesAdvance(consolePage, await framesDecoded(consolePage), 20, 15_000);
    });
    await specialist.context.close();
  } finally {
    await station?.stop();
    await hub?.stop();
    await relay?.stop();
    if (station) await keepLogOnFailureAndClean(station, testInfo);
  }
});
