import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openHubDb } from '../../hub/server/db.js';
import type { HubDb } from '../../hub/server/db.js';
import { insertEnrollmentCode, startTestHub } from '../support/sync-fixture.js';
import type { TestHub } from '../support/sync-fixture.js';
import { startStation } from '../support/station-process.js';
import { keepLogOnFailureAndClean, DEMO_PIN, expect, signInDemoDoctor, test } from './fixtures.js';
import { fillZhang, idInUrl } from './records-steps.js';

interface StoredRecord {
  id: string;
  version: number;
  type: string;
  patient_id: string;
  status: string;
  recorded_at: string;
  recorded_by: string;
  station_id: string;
}

/** The patient's own record (type Patient) as the station stored it, read from its database file. */
function storedPatientRecord(dataDir: string, patientId: string): StoredRecord {
  const db = new Database(join(dataDir, 'station.db'), { readonly: true });
  try {
    const row = db
      .prepare<[string], StoredRecord>(
        `SELECT id, version, type, patient_id, status, recorded_at, recorded_by, station_id
         FROM records WHERE patient_id = ? AND type = 'Patient' ORDER BY version DESC LIMIT 1`,
      )
      .get(patientId);
    if (!row) throw new Error('the station holds no Patient record for the new patient');
    return row;
  } finally {
    db.close();
  }
}

/**
 * Puts a different body under the record's (id, version) on the hub before the station pushes
 * it, as if the hub already held another edit of that version: the push is answered
 * `version_conflict`.
 */
async function plantConflictingVersion(db: HubDb, record: StoredRecord): Promise<void> {
  await db.query(
    `INSERT INTO hub_records (record_id, version, station_id, type, patient_id, status, lane, body, body_sha256,
                              recorded_at, recorded_by)
     VALUES ($1, $2, $3, $4, $5, $6, 'routine', '{"resourceType":"Patient"}'::jsonb, $7, $8, $9)`,
    [
      record.id,
      record.version,
      record.station_id,
      record.type,
      record.patient_id,
      record.status,
      'f'.repeat(64),
      record.recorded_at,
      record.recorded_by,
    ],
  );
}

test('the sync bar follows the hub, counts what waits, and the sync page shows what the hub refused', async ({
  page,
}, testInfo) => {
  // An in-process hub whose database the test can reach, so it can force a refusal.
  const hubDb = await openHubDb({});
  let hub: TestHub | null = await startTestHub({ db: hubDb });
  const port = hub.port;
  const code = await insertEnrollmentCode(hubDb);
  const station = await startStation({
    hubUrl: hub.url,
    env: { CUNYI_DEMO_PIN: DEMO_PIN, CUNYI_ENROLLMENT_CODE: code },
  });
  try {
    await page.goto(`${station.url}#/intake`);
    const bar = page.getByTestId('sync-bar');
    const state = bar.getByTestId('sync-state');
    const routine = bar.getByTestId('sync-waiting-routine');

    // Shown before anyone signs in: the station enrolls itself and comes online.
    await expect(page.getByRole('heading', { name: '医生登录' })).toBeVisible();
    await expect(state).toHaveAttribute('data-state', 'online');
    await expect(state).toHaveText('在线');
    await expect(bar.getByTestId('sync-waiting-emergency')).toHaveText('急救 0');
    await expect(bar.getByTestId('sync-waiting-consult')).toHaveText('会诊 0');
    await expect(routine).toHaveText('常规 0');
    await expect(bar.getByTestId('sync-last')).toHaveText(/^上次同步 (刚刚|\d+ 分钟前)$/);
    await expect(bar.getByTestId('sync-estimate')).toHaveCount(0);
    await expect(bar.getByTestId('sync-attention')).toHaveCount(0);
    await signInDemoDoctor(page);
    await bar.click();
    await expect(page.getByRole('heading', { name: '数据同步' })).toBeVisible();
    await expect(page.getByTestId('sync-attention-empty')).toHaveText('没有需要处理的记录');

    // The hub goes away; the doctor registers a patient and starts a visit all the same.
    await hub.close();
    hub = null;
    await page.getByRole('navigation').getByRole('link', { name: '接诊登记' }).click();
    await page.getByRole('link', { name: '登记新患者' }).click();
    await fillZhang(page);
    await page.getByRole('button', { name: '保存登记' }).click();
    await expect(page.getByTestId('patient-name')).toContainText('张秀英');
    const patientId = idInUrl(page, 'patients');
    await expect(state).toHaveAttribute('data-state', 'offline');
    await expect(state).toHaveText('离线');
    await expect(routine).not.toHaveAttribute('data-count', '0');
    const afterRegistration = Number(await routine.getAttribute('data-count'));
    await expect(bar.getByTestId('sync-estimate')).toHaveText(/^(预计.*分钟|正在估算…)$/);

    await page.getByLabel('主诉').fill('头晕两天');
    await page.getByRole('button', { name: '开始就诊', exact: true }).click();
    await expect(page.getByTestId('visit-status')).toHaveText('进行中');
    await expect(routine).toHaveAttribute('data-count', String(afterRegistration + 1));
    await expect(routine).toHaveText(`常规 ${afterRegistration + 1}`);
    await expect(bar.getByTestId('sync-waiting-emergency')).toHaveText('急救 0');

    // Meanwhile the hub came to hold another body for her Patient record's version.
    await plantConflictingVersion(hubDb, storedPatientRecord(station.dataDir, patientId));
    hub = await startTestHub({ db: hubDb, port });
    await expect(state).toHaveAttribute('data-state', 'online', { timeout: 30_000 });
    await expect(routine).toHaveText('常规 0');
    await expect(bar.getByTestId('sync-estimate')).toHaveCount(0);
    await expect(bar.getByTestId('sync-attention')).toHaveText('需处理 1');

    // The bar opens the sync page, which names the patient and says why in words.
    await bar.click();
    await expect(page).toHaveURL(/#\/sync$/);
    await expect(page.getByRole('heading', { name: '数据同步' })).toBeVisible();
    await expect(page.getByTestId('sync-hub-url')).toHaveText(hub.url);
    await expect(page.getByTestId('sync-explain')).toHaveText('与云医院连接正常，新记录会自动上传。');
    const rejected = page.getByTestId('rejected-record');
    await expect(rejected).toHaveCount(1);
    await expect(rejected).toHaveAttribute('data-reason', 'version_conflict');
    await expect(rejected.getByRole('link', { name: '张秀英' })).toHaveAttribute('href', `#/patients/${patientId}`);
    await expect(rejected).toContainText('患者资料');
    await expect(rejected).toContainText('云医院已有此记录同一版本的不同内容');
    await expect(rejected).toContainText('the hub holds a different body for this record version');

    await page.getByRole('button', { name: '立即同步' }).click();
    await expect(page.getByTestId('sync-now-outcome')).toHaveText('已开始同步。');
    await expect(rejected).toHaveCount(1);

    // The same in English.
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.getByRole('heading', { name: 'Sync', exact: true })).toBeVisible();
    await expect(state).toHaveText('Online');
    await expect(routine).toHaveText('Routine 0');
    await expect(bar.getByTestId('sync-attention')).toHaveText('1 to fix');
    await expect(rejected).toContainText('Patient details');
    await expect(rejected).toContainText('The hub holds different contents for this version of the record');
    await expect(page.getByTestId('sync-explain')).toHaveText(
      'Connected to the hub; new records upload automatically.',
    );

    await rejected.getByRole('link', { name: '张秀英' }).click();
    await expect(page.getByTestId('patient-name')).toContainText('张秀英');
    await expect(bar).toBeVisible();
  } finally {
    await station.stop();
    await hub?.close();
    await hubDb.close();
    await keepLogOnFailureAndClean(station, testInfo);
  }
});
