import type { DriverErrorKind } from './errors.js';

/** Who a reading came from: enough to build a FHIR Device and to show "from CMS50D+ on ttyUSB0". */
export interface DeviceIdentity {
  /** The driver's id in the registry, e.g. "contec-cms50d". */
  readonly driver: string;
  /** Manufacturer and model as the device or its driver knows them. */
  readonly manufacturer: string;
  readonly model: string;
  /** Serial number or firmware version when the device tells us. */
  readonly serialNumber?: string | undefined;
  readonly firmware?: string | undefined;
  /** Where it is attached: a serial path or a HID path. */
  readonly port: string;
}

/**
 * One value the device measured, exactly as it reported it (never rounded or clamped), with
 * its LOINC code and UCUM unit. A blood-pressure reading carries its parts as components.
 */
export interface Measurement {
  readonly type: 'measurement';
  readonly loinc: string;
  readonly display: string;
  readonly value: number;
  /** UCUM code, e.g. "mm[Hg]", "/min", "%", "kg", "mmol/L", "mg/dL". */
  readonly unit: string;
  readonly components?: readonly { loinc: string; display: string; value: number; unit: string }[];
  /** When the device took it (its own clock for stored readings), ISO 8601. */
  readonly time: string;
  /** Stored in the device's memory (downloaded) rather than measured live. */
  readonly stored?: boolean;
  /** Extra facts a reading carries: glucose meal context, measurement flags. */
  readonly context?: Readonly<Record<string, string>>;
}

/**
 * A run of waveform samples. `seq` is the index of the first sample in the stream; a gap in
 * the sequence is lost data and is reported as such, never filled.
 */
export interface Waveform {
  readonly type: 'waveform';
  /** e.g. "pleth" (0–127 units) or an ECG lead name ("I", "II", "V1"…). */
  readonly channels: readonly string[];
  readonly sampleRate: number;
  readonly seq: number;
  /** samples[channel][i]; ECG in microvolts, pleth in device units. */
  readonly samples: readonly (readonly number[])[];
  /** Physical unit of the samples (UCUM), e.g. "uV", or "1" for device units. */
  readonly unit: string;
  /**
   * Every sample is an exact integer multiple of this step (in `unit`), e.g. an ADC count in
   * microvolts (halved where derived leads average two counts). Lets a recording store
   * integers exactly instead of long decimals.
   */
  readonly resolution?: number;
}

/** A lost stretch of a waveform: `count` samples starting at `seq` never arrived. */
export interface Gap {
  readonly type: 'gap';
  readonly seq: number;
  readonly count: number;
}

export type DeviceState =
  | 'connecting'
  | 'connected'
  | 'measuring'
  | 'disconnected'
  /** Connected, but what it sees is not a reading (finger out, searching, no card). */
  | 'no-signal';

export interface StatusEvent {
  readonly type: 'status';
  readonly state: DeviceState;
  /** A stable code for the reason, e.g. "finger_out", "searching", "probe_error". */
  readonly reason?: string;
}

export interface ErrorEvent {
  readonly type: 'error';
  readonly kind: DriverErrorKind;
  readonly code: string;
  readonly message: string;
}

/** The identity card's contents, as read from the chip. */
export interface IdCardEvent {
  readonly type: 'id-card';
  readonly card: {
    readonly name: string;
    readonly sex: 'male' | 'female' | 'unknown';
    readonly ethnicity: string;
    readonly birthDate: string;
    readonly address: string;
    readonly nationalId: string;
    readonly issuer: string;
    readonly validFrom: string;
    readonly validUntil: string;
    /** The WLT photo, stored as read (proprietary compression, not decoded here). */
    readonly photo: Uint8Array;
  };
}

export type DriverEvent = Measurement | Waveform | Gap | StatusEvent | ErrorEvent | IdCardEvent;
