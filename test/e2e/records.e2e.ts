import { readFileSync } from 'node:fs';
import type { StationApi } from '../../contract/index.js';
import { startStation } from '../support/station-process.js';
import { keepLogOnFailureAndClean, DEMO_PIN, expect, signInDemoDoctor, test } from './fixtures.js';
import { expectZhangRecord, fillZhang, idInUrl, ZHANG_ID } from './records-steps.js';

const env = { CUNYI_DEMO_PIN: DEMO_PIN };

test('register, find by initials, see a visit through, refuse a duplicate, and find it all after a restart', async ({
  page,
  hub,
}, testInfo) => {
  const first = await startStation({ hubUrl: hub.url, env });
  let station = first;
  // The charts and forms must work under the renderer's CSP (no inline style or script, no eval).
  const cspViolations: string[] = [];
  page.on('console', (m) => {
    if (m.text().includes('Content Security Policy')) cspViolations.push(m.text());
  });
  try {
    await page.goto(`${station.url}#/intake`);
    await signInDemoDoctor(page);

    // Registration: the ID checks itself, shows a mismatch beside the typed values, and only
    // replaces them when the doctor asks.
    await page.getByRole('link', { name: '登记新患者' }).click();
    await page.getByLabel('姓名', { exact: true }).fill('张秀英');
    await page.getByLabel('身份证号').fill(ZHANG_ID);
    await expect(page.getByTestId('national-id-status')).toHaveText('身份证号有效：出生日期 1949年12月31日，性别 女');
    await page.getByLabel('出生日期').fill('1950-01-01');
    await page.getByRole('radio', { name: '男' }).check();
    await expect(page.getByLabel('出生日期')).toHaveAccessibleDescription(
      '与身份证不一致：身份证显示出生日期为 1949年12月31日',
    );
    await expect(page.getByRole('group', { name: '性别' })).toHaveAccessibleDescription(
      '与身份证不一致：身份证显示性别为女',
    );
    await expect(page.getByLabel('出生日期')).toHaveValue('1950-01-01');
    await page.getByRole('button', { name: '使用身份证上的出生日期和性别' }).click();
    await expect(page.getByLabel('出生日期')).toHaveValue('1949-12-31');
    await expect(page.getByRole('radio', { name: '女' })).toBeChecked();
    await expect(page.getByTestId('id-mismatch')).toHaveCount(0);
    await page.getByLabel('手机号', { exact: true }).fill('138 0013 8000');
    await page.getByLabel('所在村').fill('东风村');
    await page.getByRole('button', { name: '添加过敏' }).click();
    await page.getByRole('group', { name: '过敏 1' }).getByLabel('过敏物质').fill('青霉素');
    await page.getByRole('group', { name: '过敏 1' }).getByLabel('过敏反应').fill('皮疹');
    await page.getByRole('checkbox', { name: '高血压' }).check();
    await page.getByRole('checkbox', { name: /远程医疗/ }).check();
    await page.getByRole('checkbox', { name: /共享/ }).check();
    await page.getByRole('button', { name: '保存登记' }).click();
    await expect(page.getByTestId('patient-name')).toContainText('张秀英');
    const patientId = idInUrl(page, 'patients');
    await expect(page.getByTestId('patient-consent')).toContainText('远程医疗：同意；与云医院共享档案：同意（演示医生');

    // Found again by her initials.
    await page.getByRole('navigation').getByRole('link', { name: '接诊登记' }).click();
    await page.getByLabel('查找患者').fill('zxy');
    const result = page.getByRole('link', { name: /张秀英/ });
    await expect(result).toContainText('110105********002X');
    await expect(result).toContainText('东风村');
    await result.click();
    expect(idInUrl(page, 'patients')).toBe(patientId);

    // A visit: an impossible value is refused beside its field and nothing is saved; an
    // abnormal one is saved and flagged.
    await page.getByLabel('主诉').fill('头晕两天');
    await page.getByRole('button', { name: '开始就诊', exact: true }).click();
    await expect(page.getByTestId('visit-status')).toHaveText('进行中');
    await page.getByLabel('现病史').fill('高血压十年，近两天头晕');
    await expect(page.getByTestId('notes-state')).toHaveText('有未保存的修改');
    await page.getByRole('button', { name: '保存病历' }).click();
    await expect(page.getByTestId('notes-state')).toHaveText('已保存');
    await page.getByLabel('收缩压').fill('400');
    await page.getByLabel('舒张压').fill('95');
    await page.getByRole('button', { name: '保存体征' }).click();
    await expect(page.getByLabel('收缩压')).toHaveAccessibleDescription(
      '超出生理可能范围（40–300 mmHg），请检查是否输入错误。',
    );
    await expect(page.getByLabel('收缩压')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByText('本次就诊尚未记录体征。')).toBeVisible();
    await expect(page.getByLabel('舒张压')).toHaveValue('95');
    await page.getByLabel('收缩压').fill('165');
    await page.getByLabel('体重').fill('62.5');
    await page.getByLabel('身高').fill('158');
    await page.getByRole('button', { name: '保存体征' }).click();
    const bp = page.getByTestId('vital-bloodPressure');
    await expect(bp).toContainText('165/95 mmHg');
    await expect(bp.locator('[data-interpretation="H"]').first()).toHaveText(/收缩压 偏高/);
    await expect(page.getByTestId('vitals-saved')).toContainText('体重指数（BMI）25.0 kg/m²');
    await expect(page.getByTestId('vital-weight')).toContainText('62.5 kg');

    // A diagnosis found by pinyin initials.
    await page.getByLabel(/查找诊断/).fill('gxy');
    await page.getByRole('list', { name: '诊断目录查找结果' }).getByRole('button', { name: /^I10 / }).click();
    await expect(page.getByTestId('chosen-diagnosis')).toContainText('I10 特发性（原发性）高血压');
    await page.getByRole('button', { name: '保存诊断' }).click();
    await expect(page.getByTestId('diagnosis')).toContainText('I10 特发性（原发性）高血压');

    await page.getByRole('button', { name: '结束就诊' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: '确认结束' }).click();
    await expect(page.getByTestId('visit-status')).toHaveText('已结束');
    await expect(page.getByRole('button', { name: '保存体征' })).toHaveCount(0);

    await page.getByRole('link', { name: '张秀英' }).click();
    await expectZhangRecord(page);

    // The same person again: the ID is recognised before anything is written.
    await page.getByRole('navigation').getByRole('link', { name: '接诊登记' }).click();
    await page.getByRole('link', { name: '登记新患者' }).click();
    await fillZhang(page);
    await page.getByRole('button', { name: '保存登记' }).click();
    const warning = page.getByRole('alert').filter({ hasText: '该身份证号已登记' });
    await expect(warning).toContainText('此身份证号属于已登记的患者 张秀英（东风村）');
    await expect(page.getByLabel('姓名', { exact: true })).toHaveValue('张秀英');
    await warning.getByRole('link', { name: '打开已有档案' }).click();
    expect(idInUrl(page, 'patients')).toBe(patientId);

    // Restart on the same data folder: everything is still there.
    await station.stop();
    station = await startStation({ dataDir: first.dataDir, hubUrl: hub.url, env });
    await page.goto(`${station.url}#/patients/${patientId}`);
    await signInDemoDoctor(page);
    await expectZhangRecord(page);
    await page.getByRole('navigation').getByRole('link', { name: '患者档案' }).click();
    await page.getByLabel('查找患者').fill('zxy');
    await expect(page.getByRole('link', { name: /张秀英/ })).toHaveCount(1);
    expect(cspViolations).toEqual([]);
  } finally {
    await station.stop();
    await keepLogOnFailureAndClean(station, testInfo);
  }
});

test('a field error shows next to its field, in English when English is chosen', async ({ page, station }) => {
  await page.goto(`${station.url}#/patients/new`);
  await signInDemoDoctor(page);
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { name: 'Register a new patient' })).toBeVisible();

  await page.getByLabel('Name', { exact: true }).fill('李明');
  // The standard's check character for 11010519800501001 is 3, not 2.
  await page.getByLabel('National ID number').fill('110105198005010012');
  await expect(page.getByTestId('national-id-status')).toHaveText(
    "The ID number's check character is wrong; check every digit.",
  );
  await page.getByLabel('Phone', { exact: true }).fill('12345');
  await page.getByLabel('Date of birth').fill('1980-05-01');
  await page.getByRole('button', { name: 'Save registration' }).click();

  await expect(page.getByLabel('National ID number')).toHaveAccessibleDescription(
    /^The ID number's check character is wrong; check every digit\./,
  );
  await expect(page.getByLabel('Phone', { exact: true })).toHaveAccessibleDescription(
    'Not a phone number (11-digit mobile, or a landline with area code).',
  );
  await expect(page.getByLabel('Village')).toHaveAccessibleDescription('Required.');
  await expect(page.getByRole('group', { name: 'Sex' })).toHaveAccessibleDescription('Choose one.');
  // Nothing typed is lost, and nothing was registered.
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue('李明');
  await expect(page.getByLabel('Phone', { exact: true })).toHaveValue('12345');
  await page.getByRole('navigation').getByRole('link', { name: 'Patients', exact: true }).click();
  await page.getByLabel('Find a patient').fill('李明');
  await expect(page.getByText('Nobody found for “李明”. You can register a new patient.')).toBeVisible();
});

test('a likely duplicate is shown before a record is created, and the doctor decides', async ({ page, station }) => {
  await page.goto(`${station.url}#/patients/new`);
  await signInDemoDoctor(page);
  const register = async (phone: string) => {
    await page.getByLabel('姓名', { exact: true }).fill('李明');
    await page.getByRole('radio', { name: '男' }).check();
    await page.getByLabel('出生日期').fill('1980-05-01');
    await page.getByLabel('手机号', { exact: true }).fill(phone);
    await page.getByLabel('所在村').fill('红星村');
    await page.getByRole('button', { name: '保存登记' }).click();
  };
  await register('13900000001');
  await expect(page.getByTestId('patient-name')).toContainText('李明');
  const firstId = idInUrl(page, 'patients');

  await page.getByRole('navigation').getByRole('link', { name: '接诊登记' }).click();
  await page.getByRole('link', { name: '登记新患者' }).click();
  await register('13900000002');
  const warning = page.getByRole('alert').filter({ hasText: '可能已有此患者的档案' });
  await expect(warning).toContainText('姓名拼音和出生日期相同');
  await expect(warning.getByRole('link', { name: '打开 李明 的档案' })).toHaveAttribute(
    'href',
    `#/patients/${firstId}`,
  );
  await warning.getByRole('button', { name: '都不是同一人，继续登记' }).click();
  await expect(page.getByTestId('patient-name')).toContainText('李明');
  expect(idInUrl(page, 'patients')).not.toBe(firstId);

  await page.getByRole('navigation').getByRole('link', { name: '患者档案' }).click();
  await page.getByLabel('查找患者').fill('lm');
  await expect(page.getByRole('link', { name: /李明/ })).toHaveCount(2);
});

test('a correction keeps what it corrects in view: amended and entered-in-error readings', async ({
  page,
  station,
}) => {
  await page.goto(`${station.url}#/patients`);
  await signInDemoDoctor(page);
  // The record is made through the page's own station API, the way the screens call it.
  const { patientId, visitId } = await page.evaluate(async (nationalId) => {
    const api = (window as unknown as { station: StationApi }).station;
    const { id } = await api.patients.register({
      patient: {
        name: '王建国',
        sex: 'male',
        birthDate: '1962-08-15',
        nationalId,
        village: '光明村',
        consent: { telemedicine: true, shareWithHub: false },
      },
    });
    const visit = await api.visits.open({ patientId: id, reason: 'chronic_follow_up' });
    await api.visits.recordVitals({ visitId: visit.id, vitals: { systolic: 165, diastolic: 95, heartRate: 78 } });
    return { patientId: id, visitId: visit.id };
  }, '320583196208150033');

  await page.goto(`${station.origin}/#/visits/${visitId}`);
  await page.getByRole('button', { name: '更正 血压 165/95 mmHg' }).click();
  const amend = page.getByRole('form', { name: '更正 血压 165/95 mmHg' });
  await expect(amend.getByLabel('收缩压')).toHaveValue('165');
  await amend.getByLabel('收缩压').fill('150');
  await amend.getByRole('button', { name: '保存更正' }).click();
  await expect(amend.getByLabel('原因')).toHaveAccessibleDescription('此项为必填。');
  await amend.getByLabel('原因').fill('读数录错');
  await amend.getByRole('button', { name: '保存更正' }).click();
  const bp = page.getByTestId('vital-bloodPressure');
  await expect(bp).toHaveAttribute('data-status', 'amended');
  await expect(bp).toContainText('150/95 mmHg');
  await expect(bp.locator('del')).toHaveText('165/95 mmHg');
  await expect(bp).toContainText('原因：读数录错');

  await page.getByRole('button', { name: '将 心率 78 /min 标记为录入错误' }).click();
  const retire = page.getByRole('form', { name: '将 心率 78 /min 标记为录入错误' });
  await retire.getByLabel('原因').fill('测的是家属');
  await retire.getByRole('button', { name: '标记为录入错误' }).click();
  await expect(page.getByTestId('vital-heartRate')).toHaveAttribute('data-status', 'entered-in-error');
  await expect(page.getByTestId('vital-heartRate').locator('del')).toHaveText('78 /min');

  await page.goto(`${station.origin}/#/patients/${patientId}`);
  const records = page.getByTestId('timeline-visit').locator('[data-type="Observation"]');
  const amended = records.filter({ hasText: '血压' });
  await expect(amended).toHaveAttribute('data-status', 'amended');
  await expect(amended.locator('.tl-line')).toContainText('150/95 mmHg');
  await expect(amended.locator('.tl-previous del')).toContainText('165/95 mmHg');
  await expect(amended).toContainText('原因：读数录错');
  const retired = records.filter({ hasText: '心率' });
  await expect(retired).toHaveAttribute('data-status', 'entered-in-error');
  await expect(retired.locator('del')).toContainText('78 /min');
  await expect(retired).toContainText('原因：测的是家属');
  // The chart and the glance follow the correction; the retired reading is gone from both.
  await expect(page.getByTestId('trend-bp').getByRole('table')).toContainText('150');
  await expect(page.getByTestId('trend-bp').getByRole('table')).not.toContainText('165');
  await expect(page.getByTestId('glance-heartRate')).toHaveCount(0);
  await expect(page.getByTestId('glance-bloodPressure')).toContainText('150/95');
});

test('a birth date that disagrees with the ID is kept only when the doctor confirms it', async ({ page, station }) => {
  await page.goto(`${station.url}#/patients/new`);
  await signInDemoDoctor(page);
  await page.getByLabel('姓名', { exact: true }).fill('陈桂兰');
  // 440306197511030040: a woman born 1975-11-03; her family says the 4th is right.
  await page.getByLabel('身份证号').fill('440306197511030040');
  await page.getByRole('radio', { name: '女' }).check();
  await page.getByLabel('出生日期').fill('1975-11-04');
  await page.getByLabel('所在村').fill('新华村');
  await page.getByRole('button', { name: '保存登记' }).click();
  const confirm = page.getByRole('alert').filter({ hasText: '所填信息与身份证不一致' });
  await expect(confirm).toBeVisible();
  await expect(page.getByLabel('出生日期')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('出生日期')).toHaveAccessibleDescription(
    '与身份证不一致：身份证显示出生日期为 1975年11月3日',
  );
  await confirm.getByRole('button', { name: '确认所填无误，继续登记' }).click();
  await expect(page.getByTestId('patient-name')).toContainText('陈桂兰');
  await expect(page.getByTestId('patient-birth-date')).toHaveText('1975年11月4日');
});

test('a programme patient: a follow-up visit from the record, and the record exported as FHIR', async ({
  page,
  station,
}) => {
  await page.goto(`${station.url}#/follow-ups`);
  await signInDemoDoctor(page);
  await expect(page.getByRole('heading', { name: '慢病随访' })).toBeVisible();
  const patientId = await page.evaluate(async () => {
    const api = (window as unknown as { station: StationApi }).station;
    const { id } = await api.patients.register({
      patient: {
        name: '赵德明',
        sex: 'male',
        birthDate: '1958-03-02',
        village: '胜利村',
        chronicConditions: ['hypertension', 'type2_diabetes'],
        consent: { telemedicine: true, shareWithHub: true },
      },
    });
    return id;
  });
  await page.goto(`${station.origin}/#/patients/${patientId}`);
  await expect(page.getByTestId('chronic-conditions')).toContainText('高血压');
  await expect(page.getByTestId('chronic-conditions')).toContainText('2型糖尿病');
  await page.getByRole('button', { name: '开始慢病随访就诊' }).click();
  await expect(page.getByRole('heading', { name: /就诊：慢病随访/ })).toBeVisible();
  await page.getByRole('link', { name: '赵德明' }).click();
  await expect(page.getByRole('link', { name: '继续就诊' })).toBeVisible();

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出 FHIR 档案' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^赵德明-\d{4}-\d{2}-\d{2}\.fhir\.json$/);
  const bundle = JSON.parse(readFileSync(await file.path(), 'utf8')) as {
    resourceType: string;
    entry: { resource: { resourceType: string } }[];
  };
  expect(bundle.resourceType).toBe('Bundle');
  const types = bundle.entry.map((e) => e.resource.resourceType);
  expect(types).toEqual(expect.arrayContaining(['Patient', 'Encounter', 'Condition', 'Consent']));
});
