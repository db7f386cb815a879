import { expect, test } from './fixtures.js';

test('a page opened without the token cannot reach the core', async ({ page, station }) => {
  await page.goto(station.origin + '/');
  await expect(page.getByRole('alert')).toContainText('未找到工作站接口');
  const refused = await page.evaluate(
    (origin) =>
      new Promise<string>((resolve) => {
        const ws = new WebSocket(origin.replace('http', 'ws') + '/station-socket?token=guess');
        ws.onopen = () => resolve('open');
        ws.onerror = () => resolve('refused');
      }),
    station.origin,
  );
  expect(refused).toBe('refused');
});

test('the page runs under a strict CSP: injected inline script is blocked and reported', async ({ page, station }) => {
  const response = await page.goto(station.url);
  const csp = response?.headers()['content-security-policy'] ?? '';
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("default-src 'none'");
  expect(csp).not.toContain('unsafe-inline');
  expect(csp).not.toContain('unsafe-eval');
  await expect(page.getByTestId('station-id')).toBeVisible();
  // Playwright's own evaluate is exempt from CSP, so the probe is a script the page itself adds.
  const outcome = await page.evaluate(
    () =>
      new Promise<{ ran: boolean; violated: string | null }>((resolve) => {
        let violated: string | null = null;
        document.addEventListener('securitypolicyviolation', (e) => (violated = e.effectiveDirective));
        const script = document.createElement('script');
        script.textContent = 'window.__inlineRan = true';
        document.body.appendChild(script);
        setTimeout(
          () => resolve({ ran: (window as unknown as { __inlineRan?: boolean }).__inlineRan === true, violated }),
          200,
        );
      }),
  );
  expect(outcome).toEqual({ ran: false, violated: 'script-src-elem' });
});

test('a malformed call from the page gets a typed, localized error and the screen keeps working', async ({
  page,
  station,
}) => {
  await page.goto(station.url);
  await expect(page.getByTestId('station-id')).toBeVisible();
  const error = await page.evaluate(async () => {
    const api = (window as unknown as { station: { station: { info: (input: unknown) => Promise<unknown> } } }).station;
    try {
      await api.station.info({ unexpected: 'field' });
      return null;
    } catch (e) {
      return { code: (e as { code: string }).code, key: (e as { messageKey: string }).messageKey };
    }
  });
  expect(error).toEqual({ code: 'invalid_input', key: 'errors.invalid_input' });
  await expect(page.getByTestId('station-id')).toBeVisible();
});
