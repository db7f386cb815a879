import type { Page } from '@playwright/test';
import { expect } from './fixtures.js';

/** The standard's own example (GB 11643-1999): a woman born 1949-12-31. */
export const ZHANG_ID = '11010519491231002X';

/** The record id in the page's address (`#/patients/<id>`, `#/visits/<id>`). */
export function idInUrl(page: Page, kind: 'patients' | 'visits'): string {
  const match = new RegExp(`#/${kind}/([^/?]+)$`).exec(page.url());
  if (!match?.[1]) throw new Error(`no ${kind} id in ${page.url()}`);
  return match[1];
}

/** Fills the registration form for 张秀英 as a doctor would, with the ID's birth date and sex adopted. */
export async function fillZhang(page: Page): Promise<void> {
  await page.getByLabel('姓名', { exact: true }).fill('张秀英');
  await page.getByLabel('身份证号').fill(ZHANG_ID);
  await page.getByRole('button', { name: '使用身份证上的出生日期和性别' }).click();
  await page.getByLabel('所在村').fill('东风村');
}

/** What must be on 张秀英's page after her first visit, before and after a restart. */
export async function expectZhangRecord(page: Page): Promise<void> {
  await expect(page.getByTestId('patient-name')).toContainText('张秀英');
  await expect(page.getByTestId('allergies')).toContainText('青霉素');
  await expect(page.getByTestId('chronic-conditions')).toContainText('高血压');
  await expect(page.getByTestId('glance-bloodPressure')).toContainText('165/95');
  await expect(page.getByTestId('glance-bloodPressure').locator('[data-interpretation="H"]').first()).toHaveText(
    /收缩压 偏高/,
  );

  const visit = page.getByTestId('timeline-visit');
  await expect(visit).toHaveCount(1);
  await expect(visit).toContainText('就诊：看病');
  await expect(visit).toContainText('已结束');
  await expect(visit).toContainText('主诉：头晕两天');
  await expect(visit.locator('[data-type="Observation"]').filter({ hasText: '血压' })).toContainText('165/95 mmHg');
  await expect(visit.locator('[data-type="Condition"]')).toContainText('诊断：I10 特发性（原发性）高血压');

  // ECharts drew the blood-pressure chart as SVG, with the point's label in it, and the
  // same values sit in the table beside it.
  const chart = page.getByTestId('trend-bp');
  await expect(chart.locator('.trend-chart')).toHaveAttribute('data-drawn', 'true');
  await expect(chart.locator('.trend-chart')).toHaveAttribute('data-points', '2');
  await expect(chart.locator('svg')).toBeVisible();
  await expect(chart.locator('svg text', { hasText: /^165$/ })).toHaveCount(1);
  await expect(chart.getByRole('table').getByRole('row').nth(1)).toContainText('165');
  await expect(chart.getByRole('table').getByRole('row').nth(1)).toContainText('95');
}
