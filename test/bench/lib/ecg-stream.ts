import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { LiveEvent } from '../../../contract/devices/devices-domain.js';
import { openPtyPair } from '../../../drivers/transport/socat-pair.js';
import { EcgDeviceReady, EcgDeviceStopped, StationReady } from './bench-ipc.js';
import { cpuSeconds, onCleanup, startChild } from './children.js';
import { connectStation, signInDemoDoctor } from './station-client.js';
import { round, sleep, until } from './stats.js';

const PIN = '1234';
const ECG_DRIVER = 'openbci-cyton-ecg';
const PROGRESS_S = 10;

export interface EcgFigures {
  readonly seconds: number;
  /** Sample packets the simulator put on the wire, counted in its own process. */
  readonly samplesSent: number;
  /** Distinct sample indices that reached the screen's subscription in waveform events. */
  readonly samplesReceived: number;
  readonly gaps: number;
  readonly gapSamples: number;
  /** Waveform batches the live feed dropped because the subscriber fell behind. */
  readonly skippedBatches: number;
  /** Samples that arrived a second time (never expected). */
  readonly duplicates: number;
  readonly coreCpuPct: number;
  readonly recording: string;
}

/** Which sample indices arrived, as a growable bitmap (10 minutes at 500/s is 300,000). */
class SampleSet {
  private bits = new Uint8Array(1 << 16);
  size = 0;
  duplicates = 0;

  add(from: number, count: number): void {
    for (let seq = from; seq < from + count; seq++) {
      while (seq >= this.bits.length) {
        const grown = new Uint8Array(this.bits.length * 2);
        grown.set(this.bits);
        this.bits = grown;
      }
      if (this.bits[seq] === 1) this.duplicates++;
      else {
        this.bits[seq] = 1;
        this.size++;
      }
    }
  }
}

/**
 * A 12-lead ECG at 500 samples/s over a socat pty for `seconds`: the ECG simulator in one
 * process on the device end; the station (core and web shell, the real Cyton driver bound to
 * the station end by the doctor's assignment) in another; this process as the screen,
 * subscribed to devices.live over the WebSocket and acknowledging at once, as a renderer that
 * keeps up does. The core's CPU is read from /proc for its own process over the stream.
 */
export async function runEcgStream(options: {
  entries: { station: string; ecgDevice: string };
  dir: string;
  seconds: number;
  log: (line: string) => void;
}): Promise<EcgFigures> {
  const { dir, log } = options;
  const pair = await openPtyPair(join(dir, 'ecg-station-end'), join(dir, 'ecg-device-end'));
  onCleanup(() => pair.close());
  const device = startChild(options.entries.ecgDevice, [pair.devicePath], {}, join(dir, 'ecg-device.log'));
  const { recording } = await device.next(EcgDeviceReady, () => true, 60_000);
  log(`ecg: device plays ${recording}`);

  const dataDir = join(dir, 'ecg-station');
  const emptyRenderer = join(dir, 'no-renderer');
  mkdirSync(dataDir, { recursive: true });
  mkdirSync(emptyRenderer, { recursive: true });
  const station = startChild(
    options.entries.station,
    [],
    {
      BENCH_STATION_RIG: 'ecg',
      CUNYI_DATA_DIR: dataDir,
      // Nothing here loads the page; the shell only needs a folder to serve.
      CUNYI_RENDERER_DIR: emptyRenderer,
      CUNYI_DEMO_PIN: PIN,
      CUNYI_LOG_LEVEL: 'warn',
      // A 10-minute stream with nobody touching the screen must not lock it halfway.
      CUNYI_LOCK_AFTER_MIN: '240',
    },
    join(dir, 'ecg-station.log'),
  );
  const ready = await station
    .next(StationReady, () => true, 60_000)
    .catch((error: unknown) => {
      throw new Error(`ECG station did not start: ${String(error)}\n${station.logTail()}`);
    });

  const client = connectStation(ready.url);
  onCleanup(() => Promise.resolve(client.close()));
  const { api } = client;
  await signInDemoDoctor(api, PIN);

  const samples = new SampleSet();
  let gaps = 0;
  let gapSamples = 0;
  let skippedBatches = 0;
  let feed: string | null = null;
  let highest = 0;
  let ackQueued = false;
  let streaming = false;
  // Acknowledge as soon as the events at hand are handled: a screen that always keeps up.
  const ack = () => {
    if (ackQueued) return;
    ackQueued = true;
    setImmediate(() => {
      ackQueued = false;
      if (feed === null) return;
      api.devices.ack({ feed, n: highest }).catch((error: unknown) => log(`ecg: ack failed: ${String(error)}`));
    });
  };
  const onEvent = (event: LiveEvent) => {
    if (event.type === 'hello') {
      feed = event.feed;
      return;
    }
    highest = Math.max(highest, event.n);
    if (event.type === 'waveform') {
      samples.add(event.seq, event.samples[0]?.length ?? 0);
      streaming = true;
    } else if (event.type === 'gap') {
      gaps++;
      gapSamples += event.count;
    } else if (event.type === 'skipped') skippedBatches += event.batches;
    ack();
  };
  const unsubscribe = api.devices.live({}, onEvent);
  onCleanup(() => Promise.resolve(unsubscribe()));

  await api.devices.saveSettings({ source: 'real', assignments: [{ driver: ECG_DRIVER, path: pair.stationPath }] });
  await until(() => streaming, 30_000, 'the first ECG waveform').catch((error: unknown) => {
    throw new Error(`${String(error)}\n${station.logTail()}`);
  });

  const started = performance.now();
  const cpuStart = cpuSeconds(station.pid);
  const corePct = () => ((cpuSeconds(station.pid) - cpuStart) / ((performance.now() - started) / 1000)) * 100;
  log(`ecg: streaming ${options.seconds} s at 500 samples/s`);
  for (let elapsed = 0; elapsed < options.seconds;) {
    const step = Math.min(PROGRESS_S, options.seconds - elapsed);
    await sleep(started + (elapsed + step) * 1000 - performance.now());
    elapsed += step;
    log(
      `ecg: ${elapsed} s, ${samples.size} samples, ${gaps} gaps, ${skippedBatches} skipped batches, core ${corePct().toFixed(1)} % CPU`,
    );
  }
  const coreCpuPct = corePct();

  device.send({ type: 'stop' });
  const stopped = await device.next(EcgDeviceStopped, () => true, 10_000);
  if (stopped.starts !== 1) log(`ecg: the station started the stream ${stopped.starts} times; counts cover the last`);
  // What was on the wire when the device stopped still reaches the screen: wait for it.
  await until(() => samples.size + gapSamples >= stopped.sent, 5_000, 'the stream to drain').catch(() =>
    log('ecg: some samples sent never arrived'),
  );
  unsubscribe();
  client.close();
  await station.stop();
  await device.stop();
  await pair.close();
  return {
    seconds: options.seconds,
    samplesSent: stopped.sent,
    samplesReceived: samples.size,
    gaps,
    gapSamples,
    skippedBatches,
    duplicates: samples.duplicates,
    coreCpuPct: round(coreCpuPct),
    recording,
  };
}
