import { cytonEcgDriver } from '../../../drivers/ecg-cyton/driver.js';
import { findEcgData, loadRecording } from '../../../drivers/ecg-cyton/recordings.js';
import { CytonSimulator } from '../../../drivers/ecg-cyton/simulator.js';
import { openSerial } from '../../../drivers/transport/serial.js';
import { EcgDeviceRequest } from './bench-ipc.js';
import type { EcgDeviceMessage } from './bench-ipc.js';

/**
 * The ECG front end for bench:devices, in a process of its own so that the station core's CPU
 * figure is the core's alone: the Cyton simulator on the device end of the socat pair (path in
 * argv), playing PTB s0010_re when the data is beside the repository (as the demo does), else
 * the synthetic model. Started with an IPC channel; answers `stop` with what it put on the wire.
 */
const devicePath = process.argv[2];
const repoRoot = process.env.BENCH_REPO_ROOT ?? process.cwd();

const send = (message: EcgDeviceMessage): void => {
  process.send?.(message);
};

async function main(): Promise<void> {
  if (!devicePath || !process.send) throw new Error('usage: ecg-device <pty device path>, with an IPC channel');
  // Loaded before the port opens: the station's `~5` must not wait on decoding a record.
  const data = findEcgData({ repoRoot });
  const loaded = new Map([250, 500].map((rate) => [rate, loadRecording('ptbdb', rate, data)]));
  const reason = loaded.get(500)?.reason ?? '';
  const device = await openSerial(devicePath, cytonEcgDriver({ sampleRate: 500 }).serial);
  const sim = new CytonSimulator(device, {
    recording: (rate) => (loaded.get(rate) ?? loadRecording('synthetic', rate)).recording,
  });
  const finish = async () => {
    sim.stop();
    await device.close().catch(() => undefined);
    process.exit(0);
  };
  process.on('message', (raw: unknown) => {
    const request = EcgDeviceRequest.safeParse(raw);
    if (!request.success) return;
    sim.stop();
    send({
      type: 'stopped',
      sent: sim.sent,
      produced: sim.position,
      lost: sim.lost.length,
      starts: sim.received.filter((c) => c === 'b').length,
    });
  });
  // The bench went away (finished, failed or killed): the device goes with it.
  process.on('disconnect', () => void finish());
  process.on('SIGTERM', () => void finish());
  send({ type: 'ready', recording: reason });
}

main().catch((error: unknown) => {
  process.stderr.write(`ECG device failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
