import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { newEnrollmentCode } from '../../hub/server/sync/enrollment-code.js';

/** What the demo's embedded hub and station share: made once per data folder, kept beside them. */
export interface DemoSecrets {
  /** The one-time code the demo station enrolls with on its first start. */
  enrollmentCode: string;
  /** The hub console's demo admin password. */
  adminPassword: string;
  /** The demo specialists' password (one for all of them). */
  specialistPassword: string;
}

/** The demo's specialists: a cardiologist and a general practitioner, so routing has somewhere to widen to. */
export const DEMO_SPECIALISTS = [
  { username: 'cardio', displayName: '王心 (心内科)', specialty: 'cardiology' },
  { username: 'gp', displayName: '李全 (全科)', specialty: 'general' },
] as const;

const newPassword = (): string => randomBytes(9).toString('base64url');

/** Reads the demo secrets of a data folder, making them on first use (file mode 0600). */
export function demoSecrets(dataRoot: string): DemoSecrets {
  const path = join(dataRoot, 'demo-secrets.json');
  let secrets: DemoSecrets | null = null;
  if (existsSync(path)) {
    const saved = JSON.parse(readFileSync(path, 'utf8')) as Partial<DemoSecrets>;
    if (typeof saved.enrollmentCode === 'string' && typeof saved.adminPassword === 'string') {
      const { enrollmentCode, adminPassword, specialistPassword } = saved;
      // A data folder from before the demo had specialists gets their password added.
      if (typeof specialistPassword === 'string') return { enrollmentCode, adminPassword, specialistPassword };
      secrets = { enrollmentCode, adminPassword, specialistPassword: newPassword() };
    }
  }
  secrets ??= { enrollmentCode: newEnrollmentCode(), adminPassword: newPassword(), specialistPassword: newPassword() };
  mkdirSync(dataRoot, { recursive: true });
  writeFileSync(path, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  chmodSync(path, 0o600);
  return secrets;
}
