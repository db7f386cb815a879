import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { DeviceSession } from '../core/driver.js';
import type { DriverEvent, Measurement, Waveform } from '../core/events.js';
import type { ByteTransport, SerialSettings } from '../core/transport.js';
import { openSerial } from '../transport/serial.js';
import { openPtyPair } from '../transport/socat-pair.js';
import type { PtyPair } from '../transport/socat-pair.js';

/** Test support: a socat pty pair in a fresh folder, both ends opened with the real serialport. */
export interface PtyRig {
  readonly pair: PtyPair;
  readonly station: ByteTransport;
  readonly device: ByteTransport;
  cleanup(): Promise<void>;
}

export async function ptyRig(settings: SerialSettings, stationSettings = settings): Promise<PtyRig> {
  const dir = mkdtempSync(join(tmpdir(), 'cms50d-'));
  const pair = await openPtyPair(join(dir, 'station'), join(dir, 'device'));
  const device = await openSerial(pair.devicePath, settings);
  const station = await openSerial(pair.stationPath, stationSettings);
  return {
    pair,
    station,
    device,
    cleanup: async () => {
      await station.close();
      await device.close();
      await pair.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Test support: opens rigs for a test file and cleans each up after the test that opened it.
 * Call at the top of the file; the returned function opens a rig as ptyRig does.
 */
export function usePtyRigs(): typeof ptyRig {
  const rigs: PtyRig[] = [];
  afterEach(async () => {
    for (const rig of rigs.splice(0)) await rig.cleanup();
  });
  return async (settings, stationSettings) => {
    const rig = await ptyRig(settings, stationSettings);
    rigs.push(rig);
    return rig;
  };
}

/** Test support: every event a session emits, with a way to wait for one. */
export function recordEvents(session: DeviceSession) {
  const events: DriverEvent[] = [];
  session.on((e) => events.push(e));
  const measurements = () => events.filter((e): e is Measurement => e.type === 'measurement');
  return {
    events,
    measurements,
    waveforms: () => events.filter((e): e is Waveform => e.type === 'waveform'),
    plethReceived: () => events.flatMap((e) => (e.type === 'waveform' ? [...(e.samples[0] ?? [])] : [])),
    async until(check: (events: DriverEvent[]) => boolean, ms = 5_000, what = 'condition'): Promise<void> {
      const deadline = Date.now() + ms;
      while (!check(events)) {
        if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
  };
}

/** Waveform and gap events must tile the sequence: each starts where the one before ended. */
export function sequenceBreaks(events: readonly DriverEvent[]): string[] {
  let next = 0;
  const breaks: string[] = [];
  for (const e of events) {
    if (e.type !== 'waveform' && e.type !== 'gap') continue;
    if (e.seq !== next) breaks.push(`expected seq ${next}, got ${e.seq}`);
    next = e.seq + (e.type === 'gap' ? e.count : (e.samples[0]?.length ?? 0));
  }
  return breaks;
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
