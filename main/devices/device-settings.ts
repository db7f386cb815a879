import type Database from 'better-sqlite3';
import { DeviceSettings } from '../../contract/devices/devices-domain.js';

const KEY = 'devices.settings';

/** The device settings kept in the station database; `fallback` until the doctor saves some. */
export function loadDeviceSettings(db: Database.Database, fallback: DeviceSettings): DeviceSettings {
  const row = db.prepare<[string], { value: string }>('SELECT value FROM station_meta WHERE key = ?').get(KEY);
  if (!row) return fallback;
  try {
    const parsed = DeviceSettings.safeParse(JSON.parse(row.value));
    return parsed.success ? parsed.data : fallback;
  } catch {
    return fallback;
  }
}

export function saveDeviceSettings(db: Database.Database, settings: DeviceSettings): void {
  db.prepare(
    'INSERT INTO station_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  ).run(KEY, JSON.stringify(settings));
}
