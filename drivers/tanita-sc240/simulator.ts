import type { ByteTransport } from '../core/transport.js';
import { encodeLine, KEY } from './line.js';
import type { ScaleField } from './line.js';

/** What the simulated person weighs: decimals as the scale would print them ("62.4"). */
export interface Weighing {
  readonly weightKg: string;
  readonly fatPercent?: string;
  readonly bmi?: string;
}

/**
 * Placeholders. The source names the control fields `{0` and `~0` and the checksum `CS` but
 * says nothing of their values, so the simulator sends fixed stand-ins and claims nothing more.
 */
const CONTROL: readonly ScaleField[] = [
  ['{0', '0'],
  ['~0', '0'],
];
export const PLACEHOLDER_CHECKSUM = '00';

/** The fields of the line a weighing produces, in the order the simulator sends them. */
export function weighingFields(w: Weighing): ScaleField[] {
  return [
    ...CONTROL,
    [KEY.weight, w.weightKg],
    ...(w.fatPercent === undefined ? [] : [[KEY.fat, w.fatPercent] as const]),
    ...(w.bmi === undefined ? [] : [[KEY.bmi, w.bmi] as const]),
    [KEY.checksum, PLACEHOLDER_CHECKSUM],
  ];
}

/**
 * The scale's side of the cable: writes what an SC-240 writes when someone steps on it, and
 * the faults a real link shows. Pulling the cable is the caller's (socat pair or byte pipe).
 */
export class ScaleSimulator {
  constructor(private readonly transport: ByteTransport) {}

  /** Someone steps on the scale: one complete line. */
  stepOn(weighing: Weighing): Promise<void> {
    return this.transport.write(encodeLine(weighingFields(weighing)));
  }

  /** A line that ends properly but does not parse (the weight is not a number). */
  sendMalformed(): Promise<void> {
    return this.transport.write(encodeLine([...CONTROL, [KEY.weight, '6?.4'], [KEY.checksum, PLACEHOLDER_CHECKSUM]]));
  }

  /** The first part of a line, then nothing: the cable was jostled mid-line. */
  sendTruncated(weighing: Weighing): Promise<void> {
    const line = encodeLine(weighingFields(weighing));
    return this.transport.write(line.subarray(0, Math.floor(line.length / 2)));
  }

  /** Raw bytes, for line noise. */
  sendGarbage(bytes: Uint8Array): Promise<void> {
    return this.transport.write(bytes);
  }
}
