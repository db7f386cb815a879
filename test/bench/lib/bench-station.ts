import { cms50e } from '../../../drivers/cms50d/index.js';
import { V46Simulator } from '../../../drivers/cms50d/simulator.js';
import { v46Decoder } from '../../../drivers/cms50d/v46-decoder.js';
import type { ByteTransport } from '../../../drivers/core/transport.js';
import { cytonEcgDriver } from '../../../drivers/ecg-cyton/driver.js';
import { browserModeConfig } from '../../../main/config.js';
import { startCore } from '../../../main/core.js';
import type { CoreOptions } from '../../../main/core.js';
import { DeviceSimulatorRig } from '../../../main/devices/simulator-rig.js';
import type { SerialSimSpec } from '../../../main/devices/simulator-rig.js';
import { createLogger } from '../../../main/logger.js';
import { newLaunchToken } from '../../../main/web/access.js';
import { startWebShell } from '../../../main/web/web-shell.js';
import { stopOnSignals } from '../../../main/web/stop-on-signal.js';
import { StationRequest } from './bench-ipc.js';
import type { StationMessage } from './bench-ipc.js';

/**
 * A browser-mode station for bench:devices: the core and the web shell in one process, put
 * together as main/web/browser-main.ts does it, with the devices the bench needs instead of
 * the demo set. BENCH_STATION_RIG chooses:
 *  - `ecg`: the 500 samples/s Cyton driver and real ports only; the bench assigns it the
 *    station end of a socat pair whose device end a separate process drives.
 *  - `oximeter`: a simulated CMS50E on a socat pair, as in demo mode, whose device-side
 *    transport notes when each packet was written.
 * Configuration otherwise comes from the same CUNYI_* variables as browser mode.
 */
interface PacketLog {
  readonly writtenAt: number[];
  readonly writtenPleth: number[];
}

const send = (message: StationMessage): void => {
  process.send?.(message);
};

/** The device end of the oximeter's cable, noting the wall-clock time each live packet is written. */
function stamped(device: ByteTransport, log: PacketLog): ByteTransport {
  // The simulator writes whole packets, several per write when they fall due together; decoding
  // what it writes is the simplest way to number them exactly as the station will.
  const decoder = v46Decoder();
  return {
    path: device.path,
    write: (bytes) => {
      const at = Date.now();
      for (const m of decoder.push(bytes)) {
        if (m.kind !== 'live') continue;
        log.writtenAt.push(at);
        log.writtenPleth.push(m.pleth);
      }
      return device.write(bytes);
    },
    onData: (listener) => device.onData(listener),
    onClose: (listener) => device.onClose(listener),
    close: () => device.close(),
  };
}

function oximeterRig(log: PacketLog, simulators: V46Simulator[]): () => Promise<DeviceSimulatorRig> {
  const spec: SerialSimSpec = {
    name: 'oximeter',
    driver: cms50e,
    start: (device) => {
      // As the demo's oximeter: a finger in it, values steady.
      const sim = new V46Simulator(stamped(device, log), { spo2: 96, pulse: 88 });
      simulators.push(sim);
      return { act: () => false, stop: () => sim.stop() };
    },
  };
  return () => DeviceSimulatorRig.create([spec], []);
}

async function main(): Promise<void> {
  const rig = process.env.BENCH_STATION_RIG;
  if (rig !== 'ecg' && rig !== 'oximeter') throw new Error('BENCH_STATION_RIG must be ecg or oximeter');
  const config = browserModeConfig(process.env, process.cwd());
  const logger = createLogger('bench-station');
  const log: PacketLog = { writtenAt: [], writtenPleth: [] };
  const simulators: V46Simulator[] = [];
  const devices: Pick<CoreOptions, 'drivers' | 'simulators'> =
    rig === 'ecg'
      ? { drivers: [cytonEcgDriver({ sampleRate: 500 })] }
      : { drivers: [cms50e], simulators: oximeterRig(log, simulators) };
  const core = await startCore({
    dataDir: config.dataDir,
    hubUrl: null,
    mode: 'browser',
    appVersion: 'bench',
    logger,
    lockAfterMs: config.lockAfterMs,
    demoDoctorPin: config.demoDoctorPin,
    ...devices,
  });
  const shell = await startWebShell({
    dispatcher: core.dispatcher,
    rendererDir: config.rendererDir,
    token: newLaunchToken(),
    port: config.port,
    logger,
  });

  process.on('message', (raw: unknown) => {
    if (!StationRequest.safeParse(raw).success) return;
    send({
      type: 'oximeter-log',
      writtenAt: log.writtenAt,
      writtenPleth: log.writtenPleth,
      sentPleth: simulators.flatMap((s) => s.sentPleth),
    });
  });
  const stop = stopOnSignals(shell, core);
  // The bench went away (finished, failed or killed): the station goes with it.
  process.on('disconnect', stop);
  send({ type: 'ready', url: shell.url, pid: process.pid });
}

main().catch((error: unknown) => {
  process.stderr.write(`Bench station failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
