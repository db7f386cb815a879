import { expect, test } from 'vitest';
import { bindPorts } from '../core/registry.js';
import { CP210X, cms50dLegacy, cms50e } from './index.js';

test('a CP210x port is not guessed: both generations claim the bridge, so it waits for an assignment', () => {
  const port = { link: 'serial' as const, path: '/dev/ttyUSB0', usb: CP210X };
  expect(bindPorts([cms50dLegacy, cms50e], [port], [])).toEqual([]);
  expect(bindPorts([cms50dLegacy, cms50e], [port], [{ driver: 'contec-cms50e', path: '/dev/ttyUSB0' }])).toEqual([
    { driver: cms50e, path: '/dev/ttyUSB0', how: 'assigned' },
  ]);
});

test('line settings follow the sources (legacy 19200 8O1, 4.6 115200 8N1)', () => {
  expect(cms50dLegacy.serial).toMatchObject({ baudRate: 19200, dataBits: 8, parity: 'odd', stopBits: 1 });
  expect(cms50e.serial).toMatchObject({ baudRate: 115200, dataBits: 8, parity: 'none', stopBits: 1 });
});
