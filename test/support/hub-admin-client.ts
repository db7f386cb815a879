import { ADMIN_API_PREFIX, CreatedEnrollmentCode } from '../../hub/server/admin/admin-wire.js';
import { SESSION_COOKIE } from '../../hub/server/admin/sessions.js';

/** The admin a test hub process is started with (HUB_ADMIN_USER / HUB_ADMIN_PASSWORD). */
export const TEST_HUB_ADMIN = { username: 'process-test-admin', password: 'process-test-admin-password' } as const;

/** The environment that gives a hub process the test admin. */
export const testHubAdminEnv = {
  HUB_ADMIN_USER: TEST_HUB_ADMIN.username,
  HUB_ADMIN_PASSWORD: TEST_HUB_ADMIN.password,
} as const;

/**
 * Issues enrollment codes from a hub process through its admin API, as the hub console does;
 * the session is opened on first use and kept.
 */
export function hubEnrollmentCodes(hubUrl: string): (name?: string) => Promise<string> {
  let cookie: Promise<string> | null = null;
  const signIn = async (): Promise<string> => {
    const response = await fetch(new URL(`${ADMIN_API_PREFIX}/login`, hubUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(TEST_HUB_ADMIN),
    });
    if (response.status !== 200) throw new Error(`admin sign-in failed: ${response.status} ${await response.text()}`);
    const session = response.headers.getSetCookie().find((line) => line.startsWith(`${SESSION_COOKIE}=`));
    if (!session) throw new Error('the hub set no admin session cookie');
    return session.split(';')[0]!;
  };
  return async (name = '测试卫生室') => {
    cookie ??= signIn();
    const response = await fetch(new URL(`${ADMIN_API_PREFIX}/enrollment-codes`, hubUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: await cookie },
      body: JSON.stringify({ name }),
    });
    if (response.status !== 201) throw new Error(`no enrollment code: ${response.status} ${await response.text()}`);
    return CreatedEnrollmentCode.parse(await response.json()).code;
  };
}
