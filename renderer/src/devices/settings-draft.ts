import { DeviceSettings } from '../../../contract/devices/devices-domain.js';
import type { FieldIssue } from '../../../contract/errors.js';

export interface AssignmentDraft {
  /** Stable React key for the row; never sent. */
  readonly key: number;
  readonly driver: string;
  readonly path: string;
}

/** The device settings as the doctor edits them. */
export interface SettingsDraft {
  readonly source: DeviceSettings['source'];
  readonly assignments: readonly AssignmentDraft[];
}

export const draftOfSettings = (settings: DeviceSettings): SettingsDraft => ({
  source: settings.source,
  assignments: settings.assignments.map((a, i) => ({ key: i + 1, driver: a.driver, path: a.path })),
});

const issue = (path: (string | number)[], message: string): FieldIssue => ({ path, code: message, message });

/**
 * Checks the settings before they are sent, with each problem on its row's field: a driver and
 * a port are both needed, and one port serves one driver. The contract's schema checks the rest
 * (lengths, how many); the core checks again.
 */
export function validateSettings(
  draft: SettingsDraft,
): { ok: true; settings: DeviceSettings } | { ok: false; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const seen = new Map<string, number>();
  draft.assignments.forEach((a, i) => {
    if (a.driver === '') issues.push(issue(['assignments', i, 'driver'], 'text.required'));
    const path = a.path.trim();
    if (path === '') issues.push(issue(['assignments', i, 'path'], 'text.required'));
    else if (seen.has(path)) issues.push(issue(['assignments', i, 'path'], 'devices.duplicate_port'));
    else seen.set(path, i);
  });
  const parsed = DeviceSettings.safeParse({
    source: draft.source,
    assignments: draft.assignments.map((a) => ({ driver: a.driver, path: a.path.trim() })),
  });
  if (!parsed.success) {
    for (const i of parsed.error.issues) {
      const path = i.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
      if (!issues.some((known) => known.path.join('.') === path.join('.'))) {
        issues.push({ path, code: i.code, message: i.message });
      }
    }
  }
  return parsed.success && issues.length === 0 ? { ok: true, settings: parsed.data } : { ok: false, issues };
}
