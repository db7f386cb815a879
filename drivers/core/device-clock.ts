const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * A stored reading's time as the device's own clock shows it, in ISO 8601. Meters and cuffs
 * keep wall time with no zone; the station sits in the same room, so the station's UTC offset
 * on that date is attached (the record layer needs an offset). Null when the fields are no real
 * date or time (an unset clock, a corrupt record): such a reading has no "when" to file it under.
 */
export function deviceClockTime(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
): string | null {
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null;
  const local = new Date(year, month - 1, day, hour, minute, second);
  // Date rolls 31 April over into 1 May; a date that rolled over was not a date.
  if (local.getFullYear() !== year || local.getMonth() !== month - 1 || local.getDate() !== day) return null;
  const offset = -local.getTimezoneOffset();
  const sign = offset < 0 ? '-' : '+';
  const zone = `${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}:${pad(second)}${zone}`;
}
