import type { V46Stored } from './v46-frame.js';
import type { StoredReading } from './legacy-download-frame.js';

/**
 * Stored readings of firmware 4.6, after headrotor/contec_data:download_data.py. A pulse
 * above 127 sets a flag bit that adds 127 (not 128) to the 7 bits sent; that is headrotor's
 * reading ("as far as I can figure it out"), not a documented fact. Zero means nothing was
 * recognised in that second.
 */
const PULSE_OVERFLOW = [0x02, 0x08, 0x20] as const;

export function storedReadings(m: V46Stored): StoredReading[] {
  return PULSE_OVERFLOW.map((bit, i) => ({
    spo2: m.raw[2 * i] ?? 0,
    pulse: (m.raw[2 * i + 1] ?? 0) + (m.flags & bit ? 127 : 0),
  }));
}

/** Packs three seconds into one packet (pulse 0–254, SpO2 0–127). */
export function storedPacket(readings: readonly [StoredReading, StoredReading, StoredReading]): V46Stored {
  let flags = 0;
  const raw: number[] = [];
  readings.forEach((r, i) => {
    if (!Number.isInteger(r.pulse) || r.pulse < 0 || r.pulse > 254) throw new RangeError(`pulse ${r.pulse}`);
    const over = r.pulse > 127;
    if (over) flags |= PULSE_OVERFLOW[i] ?? 0;
    raw.push(r.spo2, over ? r.pulse - 127 : r.pulse);
  });
  const [s0 = 0, p0 = 0, s1 = 0, p1 = 0, s2 = 0, p2 = 0] = raw;
  return { kind: 'stored', flags, raw: [s0, p0, s1, p1, s2, p2] };
}

/** Packets for any number of seconds; the last is padded with zeros ("nothing recognised"). */
export function storedPackets(readings: readonly StoredReading[]): V46Stored[] {
  const out: V46Stored[] = [];
  const none = { spo2: 0, pulse: 0 };
  for (let i = 0; i < readings.length; i += 3) {
    out.push(storedPacket([readings[i] ?? none, readings[i + 1] ?? none, readings[i + 2] ?? none]));
  }
  return out;
}
