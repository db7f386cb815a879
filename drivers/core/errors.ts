/**
 * What can go wrong between the station and a device, as a driver reports it. Low-level
 * failures (an errno from the serial port, a HID read error) are mapped to one of these kinds
 * so the device manager can decide what to show and whether to reconnect.
 */
export type DriverErrorKind =
  /** The device or its cable went away (or was never there). Reconnect when it comes back. */
  | 'disconnected'
  /** The device did not answer in time. */
  | 'timeout'
  /** A frame arrived whose checksum does not match: dropped, nothing measured from it. */
  | 'checksum'
  /** Bytes that do not follow the protocol (bad framing, an unexpected reply). */
  | 'protocol'
  /** The device itself reports a fault (cuff error, probe error, card unreadable). */
  | 'device';

export class DriverError extends Error {
  override readonly name = 'DriverError';
  constructor(
    readonly kind: DriverErrorKind,
    message: string,
    /** A stable, language-neutral code for the renderer's i18n (e.g. "oximeter.probe_error"). */
    readonly code: string = kind,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export const isDriverError = (error: unknown): error is DriverError => error instanceof DriverError;

/** Errors of the OS that mean "the device is gone" rather than "it misbehaved". */
const GONE = /ENOENT|ENODEV|ENXIO|EIO|EBADF|EACCES|Port is not open|could not read from HID device|disconnected/i;

/** Maps any failure from a transport into a DriverError, keeping the original as cause. */
export function driverErrorOf(error: unknown, fallback: DriverErrorKind = 'protocol'): DriverError {
  if (isDriverError(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new DriverError(GONE.test(message) ? 'disconnected' : fallback, message, undefined, { cause: error });
}
