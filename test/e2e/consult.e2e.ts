import { startHub, startStation } from '../support/station-process.js';
import type { HubProcess, StationProcess } from '../support/station-process.js';
import { connectConsultCall, specialistsEnv, stationOf } from './consult-steps.js';
import { DEMO_PIN, expect, keepLogOnFailureAndClean, signInDemoDoctor, test } from './fixtures.js';

const PNG_1X1 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

/**
 * A video consult end to end: the village doctor asks from a visit (with a photo), the specialist accepts in
 * the hub console and calls, the doctor joins, both sides decode each other's (fake) camera,
 * the oximeter's live SpO2 reaches the console, and the note lands in the station's record.
 */
test('request with a photo, accept, call with video both ways and live SpO2, then the note in the timeline', async ({
  page,
  browser,
}, testInfo) => {
  test.setTimeout(120_000);
  let hub: HubProcess | null = null;
  let station: StationProcess | null = null;
  try {
    hub = await startHub({ env: specialistsEnv });
    station = await startStation({
      hubUrl: hub.url,
      env: { CUNYI_DEMO_PIN: DEMO_PIN, CUNYI_ENROLLMENT_CODE: await hub.enrollmentCode() },
    });
    await page.goto(`${station.url}#/patients`);
    await signInDemoDoctor(page);
    // A photo goes with the request (a 1×1 PNG; the station re-encodes it as a JPEG).
    const photo = { name: 'rash.png', mimeType: 'image/png', buffer: Buffer.from(PNG_1X1, 'base64') };
    const { patientId, specialist } = await connectConsultCall(page, browser, hub, station, { photo });

    // The oximeter's live SpO2 appears on the console while the call is on.
    await stationOf(page)((s) => s.devices.simulate({ device: 'oximeter', action: 'finger-in' }));
    const spo2 = specialist.page.getByTestId('live-spo2');
    await expect(spo2.getByTestId('live-value')).toHaveText(/\d+/, { timeout: 15_000 });
    await expect(spo2).toContainText('%');

    // The note ends the consult and reaches the station's record.
    await specialist.page.getByLabel('评估').fill('高血压急症可能');
    await specialist.page.getByLabel('建议').fill('硝苯地平，复测血压');
    await specialist.page.getByLabel('随访').fill('三天后复诊');
    await specialist.page.getByTestId('send-note').click();
    await expect(specialist.page.getByTestId('note-sent')).toBeVisible();
    await page.goto(`${station.url}#/patients/${patientId}`);
    await expect(page.getByTestId('consult-note-assessment')).toContainText('高血压急症可能', { timeout: 15_000 });
    await expect(page.getByText(/会诊意见：高血压急症可能/)).toBeVisible();
    await specialist.context.close();
  } finally {
    await station?.stop();
    await hub?.stop();
    if (station) await keepLogOnFailureAndClean(station, testInfo);
  }
});
