import { join } from 'node:path';
import Database from 'better-sqlite3';
import { registrationStamp } from '../../contract/records/demographics-fhir.js';
import { encodeHlc } from '../../contract/sync/hlc.js';
import { applyPulledDemographics, hubActor } from '../../main/records/demographics/index.js';
import { expect, signInDemoDoctor, test } from './fixtures.js';
import { fillZhang, idInUrl } from './records-steps.js';

/**
 * What the pull applier does when the hub sends an edit made there: applied to the running
 * station's database file, in a transaction, by a second connection.
 */
function hubEditArrives(dataDir: string, patientId: string, phone: string): void {
  const db = new Database(join(dataDir, 'station.db'));
  try {
    db.pragma('busy_timeout = 5000');
    db.pragma('foreign_keys = ON');
    const stationId = (db.prepare("SELECT value FROM station_meta WHERE key = 'station_id'").get() as { value: string })
      .value;
    // The hub changed the phone over the registered value, not having seen the doctor's edit, a minute later.
    const fields = {
      phone: {
        value: phone,
        hlc: encodeHlc({ wall: Date.now() + 60_000, counter: 0, node: 'hub' }),
        prev: registrationStamp(patientId, stationId).hlc,
        origin: 'hub',
        by: 'dr.li',
      },
    };
    db.transaction(() => applyPulledDemographics(db, hubActor(stationId), { patientId, fields })).immediate();
  } finally {
    db.close();
  }
}

test('edit a patient’s details, be refused on bad input and on a stale form, and review a conflict with the hub', async ({
  page,
  station,
}) => {
  await page.goto(`${station.url}#/patients/new`);
  await signInDemoDoctor(page);
  await fillZhang(page);
  await page.getByLabel('手机号', { exact: true }).fill('13800138000');
  await page.getByRole('button', { name: '保存登记' }).click();
  await expect(page.getByTestId('patient-name')).toContainText('张秀英');
  const patientId = idInUrl(page, 'patients');
  await expect(page.getByTestId('demographic-conflicts')).toHaveCount(0);

  // A phone that is not one is refused beside the field, and nothing is saved.
  await page.getByRole('button', { name: '编辑基本信息' }).click();
  const form = page.getByRole('form', { name: '编辑基本信息' });
  await expect(form.getByLabel('身份证号')).toHaveAttribute('readonly', '');
  await form.getByLabel('手机号', { exact: true }).fill('12345');
  await form.getByRole('button', { name: '保存修改' }).click();
  await expect(form.getByLabel('手机号', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('.facts-grid')).toContainText('13800138000');

  // A valid edit is saved as a new version and the page shows it.
  await form.getByLabel('手机号', { exact: true }).fill('139 0013 9000');
  await form.getByLabel('详细地址').fill('东风村三组 12 号');
  await form.getByRole('button', { name: '保存修改' }).click();
  await expect(form).toHaveCount(0);
  await expect(page.locator('.facts-grid')).toContainText('13900139000');
  await expect(page.locator('.facts-grid')).toContainText('东风村三组 12 号');

  // The form is open while the hub's concurrent edit of the phone arrives: saving is refused as stale.
  await page.getByRole('button', { name: '编辑基本信息' }).click();
  await form.getByLabel('所在村').fill('西风村');
  hubEditArrives(station.dataDir, patientId, '13700137000');
  await form.getByRole('button', { name: '保存修改' }).click();
  await expect(form.getByRole('alert')).toContainText('该记录已被修改');
  await form.getByRole('button', { name: '重新载入档案' }).click();
  // Reloaded, what she typed is still there, the rest shows the hub's change, and it saves
  // over the current version without putting her old phone back.
  await expect(form.getByLabel('所在村')).toHaveValue('西风村');
  await expect(form.getByLabel('手机号', { exact: true })).toHaveValue('13700137000');
  await form.getByRole('button', { name: '保存修改' }).click();
  await expect(form).toHaveCount(0);
  await expect(page.getByTestId('patient-village')).toHaveText('西风村');

  // The hub's phone, later by its clock, was kept; hers is in the conflict log beside it.
  await expect(page.locator('.facts-grid')).toContainText('13700137000');
  const conflicts = page.getByTestId('demographic-conflicts');
  await expect(conflicts.getByRole('heading', { name: '资料冲突' })).toBeVisible();
  const row = conflicts.getByRole('row', { name: /手机号/ });
  await expect(row.getByRole('cell').nth(0)).toContainText('13700137000（云医院 dr.li');
  await expect(row.getByRole('cell').nth(1)).toContainText('13900139000（演示医生');
});
