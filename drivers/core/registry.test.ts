import { describe, expect, it } from 'vitest';
import type { Driver } from './driver.js';
import { bindPorts, usbIdText } from './registry.js';

const driver = (id: string, link: 'serial' | 'hid', usb: [number, number][]): Driver =>
  ({
    id,
    link,
    category: 'oximeter',
    manufacturer: 'm',
    model: id,
    usb: usb.map(([vendorId, productId]) => ({ vendorId, productId })),
    serial: { baudRate: 9600 },
    open: () => {
      throw new Error('not opened in this test');
    },
  }) as Driver;

const omron = driver('omron', 'hid', [[0x0590, 0x0028]]);
const cms50 = driver('cms50', 'serial', [[0x10c4, 0xea60]]);
const scale = driver('scale', 'serial', [[0x10c4, 0xea60]]);
const ecg = driver('ecg', 'serial', [[0x0403, 0x6015]]);

describe('bindPorts', () => {
  it('binds a port whose USB ids exactly one driver of that link claims', () => {
    const bound = bindPorts(
      [omron, ecg],
      [
        { link: 'hid', path: '/dev/hidraw0', usb: { vendorId: 0x0590, productId: 0x0028 } },
        { link: 'serial', path: '/dev/ttyUSB0', usb: { vendorId: 0x0403, productId: 0x6015 } },
      ],
      [],
    );
    expect(bound.map((b) => [b.driver.id, b.path, b.how])).toEqual([
      ['omron', '/dev/hidraw0', 'usb'],
      ['ecg', '/dev/ttyUSB0', 'usb'],
    ]);
  });

  it('does not guess when two drivers claim a generic USB-serial bridge', () => {
    const port = { link: 'serial' as const, path: '/dev/ttyUSB1', usb: { vendorId: 0x10c4, productId: 0xea60 } };
    expect(bindPorts([cms50, scale], [port], [])).toEqual([]);
    // The doctor's assignment settles it.
    const bound = bindPorts([cms50, scale], [port], [{ driver: 'scale', path: '/dev/ttyUSB1' }]);
    expect(bound.map((b) => [b.driver.id, b.how])).toEqual([['scale', 'assigned']]);
  });

  it('an assignment wins over USB ids, and a port without ids binds only by assignment', () => {
    const ports = [
      { link: 'serial' as const, path: '/dev/ttyUSB0', usb: { vendorId: 0x0403, productId: 0x6015 } },
      { link: 'serial' as const, path: '/dev/ttyS0' },
    ];
    const bound = bindPorts([ecg, cms50], ports, [{ driver: 'cms50', path: '/dev/ttyUSB0' }]);
    expect(bound.map((b) => [b.driver.id, b.path])).toEqual([['cms50', '/dev/ttyUSB0']]);
  });

  it('ignores an assignment naming a driver of the other link or an unknown driver', () => {
    const ports = [{ link: 'serial' as const, path: '/dev/ttyS0' }];
    expect(bindPorts([omron], ports, [{ driver: 'omron', path: '/dev/ttyS0' }])).toEqual([]);
    expect(bindPorts([omron], ports, [{ driver: 'nope', path: '/dev/ttyS0' }])).toEqual([]);
  });

  it('writes USB ids as lsusb does', () => {
    expect(usbIdText({ vendorId: 0x590, productId: 0x28 })).toBe('0590:0028');
  });
});
