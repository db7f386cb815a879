import { deviceClockTime } from '../core/device-clock.js';

/** A stored reading's time from the YYYYMMDDhhmm an E1394 record carries (the meter sends no seconds). */
export function meterClockTime(stamp: string): string | null {
  if (!/^\d{12}$/.test(stamp)) return null;
  const n = (from: number, to: number) => Number(stamp.slice(from, to));
  return deviceClockTime(n(0, 4), n(4, 6), n(6, 8), n(8, 10), n(10, 12), 0);
}
