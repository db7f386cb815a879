import { expect, test } from 'vitest';
import { LEGACY_SERIAL } from './index.js';
import { sleep, usePtyRigs } from './pty-rig.js';

const openRig = usePtyRigs();

/** Sends every value bytes 1–4 of a legacy packet can hold and returns what the station read. */
async function delivered(xonxoff: boolean): Promise<number[]> {
  const rig = await openRig(LEGACY_SERIAL, { ...LEGACY_SERIAL, xon: xonxoff, xoff: xonxoff });
  const seen: number[] = [];
  rig.station.onData((c) => seen.push(...c));
  await rig.device.write(Uint8Array.from({ length: 128 }, (_, i) => i));
  await sleep(200);
  return seen;
}

// Why the legacy driver leaves XON/XOFF off although atbrask turns it on: with it on, the
// station's tty takes the data bytes 0x11 and 0x13 as flow control and never delivers them.
test('with XON/XOFF on, the tty swallows data bytes 0x11 and 0x13; the driver settings deliver all', async () => {
  const all = Array.from({ length: 128 }, (_, i) => i);
  expect(await delivered(false)).toEqual(all);
  expect(await delivered(true)).toEqual(all.filter((b) => b !== 0x11 && b !== 0x13));
});
