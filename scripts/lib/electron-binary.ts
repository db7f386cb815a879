import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

/** The Electron executable when its binary was installed; null where the download was skipped. */
export function electronBinary(): string | null {
  try {
    const path = createRequire(import.meta.url)('electron') as unknown;
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    // The electron package throws when its binary is missing.
    return null;
  }
}
