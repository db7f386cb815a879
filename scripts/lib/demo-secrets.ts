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
}

/** Reads the demo secrets of a data folder, making them on first use (file mode 0600). */
export function demoSecrets(dataRoot: string): DemoSecrets {
  const path = join(dataRoot, 'demo-secrets.json');
  if (existsSync(path)) {
    const saved = JSON.parse(readFileSync(path, 'utf8')) as Partial<DemoSecrets>;
    if (typeof saved.enrollmentCode === 'string' && typeof saved.adminPassword === 'string')
      return { enrollmentCode: saved.enrollmentCode, adminPassword: saved.adminPassword };
  }
  const secrets: DemoSecrets = {
    enrollmentCode: newEnrollmentCode(),
    adminPassword: randomBytes(9).toString('base64url'),
  };
  mkdirSync(dataRoot, { recursive: true });
  writeFileSync(path, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  chmodSync(path, 0o600);
  return secrets;
}
