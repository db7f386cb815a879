/**
 * The two shapes a device link takes. Drivers see only these interfaces; the serialport and
 * node-hid adapters (and the replay transport for tests) implement them.
 */

/** A byte stream (a serial port, a USB-serial bridge, a pseudo-terminal). */
export interface ByteTransport {
  /** Where it is attached, for identity and logs. */
  readonly path: string;
  write(bytes: Uint8Array): Promise<void>;
  /** Called with every chunk as it arrives; chunk boundaries mean nothing. */
  onData(listener: (chunk: Uint8Array) => void): void;
  /** Called once when the link is gone (unplugged, closed, failed), with the reason. */
  onClose(listener: (error: Error | null) => void): void;
  close(): Promise<void>;
}

/** A USB HID device: fixed-size reports in, fixed-size reports out. */
export interface ReportTransport {
  readonly path: string;
  write(report: Uint8Array): Promise<void>;
  /** The next input report; rejects with a timeout DriverError after `timeoutMs`. */
  read(timeoutMs: number): Promise<Uint8Array>;
  sendFeatureReport(report: Uint8Array): Promise<void>;
  close(): Promise<void>;
}

export interface SerialSettings {
  readonly baudRate: number;
  readonly dataBits?: 7 | 8;
  readonly parity?: 'none' | 'odd' | 'even';
  readonly stopBits?: 1 | 2;
  readonly xon?: boolean;
  readonly xoff?: boolean;
}
