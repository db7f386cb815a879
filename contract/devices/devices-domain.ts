import { z } from 'zod';
import { call, subscription } from '../define.js';
import { IdCardData } from '../records/patient.js';
import { Interpretation } from '../records/visit.js';

const NoInput = z.object({}).strict().optional();
const IsoTime = z.iso.datetime({ offset: true });
const Id = z.uuid();

export const DeviceCategory = z.enum(['oximeter', 'blood-pressure', 'glucometer', 'scale', 'id-card', 'ecg']);
export type DeviceCategory = z.infer<typeof DeviceCategory>;

export const DeviceState = z.enum(['connecting', 'connected', 'measuring', 'no-signal', 'disconnected']);
export type DeviceState = z.infer<typeof DeviceState>;

/** One attached (or expected) device as the station sees it now. */
export const DeviceInfo = z.object({
  /** Stable while the device stays on its port: driver id and port path. */
  key: z.string(),
  driver: z.string(),
  category: DeviceCategory,
  manufacturer: z.string(),
  model: z.string(),
  port: z.string(),
  /** How the station found it: by USB ids, by the doctor's assignment, or a simulator. */
  how: z.enum(['usb', 'assigned', 'simulated']),
  state: DeviceState,
  /** Why it is in that state, as an i18n code ("finger_out", "no_card"). */
  reason: z.string().nullable(),
  /** The last error, as an i18n code, until the device works again. */
  error: z.string().nullable(),
});
export type DeviceInfo = z.infer<typeof DeviceInfo>;

const Component = z.object({
  loinc: z.string(),
  display: z.string(),
  value: z.number(),
  unit: z.string(),
  interpretation: Interpretation.nullable(),
});

/**
 * A reading a device delivered that is not in the record yet: the doctor confirms it into
 * the open visit or lets it go. Values exactly as the device sent them.
 */
export const PendingReading = z.object({
  id: Id,
  deviceKey: z.string(),
  device: z.string(),
  /** The reading kind the record uses ("spo2", "bloodPressure", "weight" …). */
  kind: z.string(),
  loinc: z.string(),
  display: z.string(),
  value: z.number(),
  unit: z.string(),
  components: z.array(Component).optional(),
  interpretation: Interpretation.nullable(),
  /** When the device measured it. */
  measuredAt: IsoTime,
  /** Read from the device's memory rather than measured just now. */
  stored: z.boolean(),
  context: z.record(z.string(), z.string()).optional(),
  /** A value the record would refuse (outside physiological limits): shown, never storable. */
  refusal: z.object({ code: z.string(), min: z.number(), max: z.number(), unit: z.string() }).nullable(),
});
export type PendingReading = z.infer<typeof PendingReading>;

/**
 * What the live feed carries. Waveform batches may be skipped for a screen that cannot keep
 * up (a `skipped` event says how many); readings, status and cards never are.
 */
export const LiveEvent = z.discriminatedUnion('type', [
  /** The first event: names this feed for `devices.ack`. */
  z.object({ type: z.literal('hello'), feed: Id, window: z.number().int().positive() }),
  z.object({ type: z.literal('devices'), n: z.number().int(), devices: z.array(DeviceInfo) }),
  z.object({ type: z.literal('reading'), n: z.number().int(), reading: PendingReading }),
  z.object({
    type: z.literal('waveform'),
    n: z.number().int(),
    deviceKey: z.string(),
    channels: z.array(z.string()),
    sampleRate: z.number().positive(),
    seq: z.number().int().nonnegative(),
    unit: z.string(),
    samples: z.array(z.array(z.number())),
  }),
  z.object({
    type: z.literal('gap'),
    n: z.number().int(),
    deviceKey: z.string(),
    seq: z.number().int().nonnegative(),
    count: z.number().int().positive(),
  }),
  z.object({ type: z.literal('skipped'), n: z.number().int(), deviceKey: z.string(), batches: z.number().int() }),
  z.object({ type: z.literal('id-card'), n: z.number().int(), deviceKey: z.string(), card: IdCardData }),
]);
export type LiveEvent = z.infer<typeof LiveEvent>;

export const DeviceSettings = z
  .object({
    /** Simulated devices (demo, no hardware) or the real ports. */
    source: z.enum(['simulated', 'real']),
    /** Ports the doctor assigned to a driver: built-in UARTs, generic USB-serial bridges. */
    assignments: z.array(z.object({ driver: z.string().min(1).max(64), path: z.string().min(1).max(256) })).max(32),
  })
  .strict();
export type DeviceSettings = z.infer<typeof DeviceSettings>;

/** What a simulated device can be made to do. */
export const SimAction = z.enum([
  'status',
  'unplug',
  'replug',
  'finger-out',
  'finger-in',
  'place-card',
  'remove-card',
  'step-on',
  'measure',
  'drop-packets',
]);
export type SimAction = z.infer<typeof SimAction>;

export const DriverInfo = z.object({
  id: z.string(),
  category: DeviceCategory,
  manufacturer: z.string(),
  model: z.string(),
  link: z.enum(['serial', 'hid']),
  usb: z.array(z.string()),
});

export const devicesDomain = {
  /** The devices attached now and their state. */
  list: call(NoInput, z.array(DeviceInfo)),
  /** The drivers the station has, for the settings screen. */
  drivers: call(NoInput, z.array(DriverInfo)),
  /** Devices, readings, waveforms and cards as they happen; flow-controlled by `ack`. */
  live: subscription(NoInput, LiveEvent),
  /** Tells the core the screen has drawn everything up to event `n` of a feed. */
  ack: call(z.object({ feed: Id, n: z.number().int().nonnegative() }).strict(), z.object({})),
  /** Readings waiting for the doctor, newest first. */
  pending: call(NoInput, z.array(PendingReading)),
  /** Stores the chosen readings in the open visit, with the device and who confirmed them. */
  confirm: call(
    z.object({ visitId: Id, readingIds: z.array(Id).min(1).max(50) }).strict(),
    z.object({ observationIds: z.array(Id) }),
  ),
  /** Lets readings go without storing them. */
  discard: call(z.object({ readingIds: z.array(Id).min(1).max(50) }).strict(), z.object({})),
  /** Reads what a device keeps in its memory (BP cuff, glucometer, oximeter) into pending. */
  download: call(z.object({ deviceKey: z.string().min(1).max(300) }).strict(), z.object({ readings: z.number() })),
  /**
   * Records an ECG strip from a streaming ECG device into the open visit: resolves once the
   * strip is stored (after `seconds`), with how many samples never arrived (kept as gaps).
   */
  recordEcg: call(
    z.object({ visitId: Id, deviceKey: z.string().min(1).max(300), seconds: z.number().int().min(5).max(30) }).strict(),
    z.object({ observationId: Id, seconds: z.number(), missingSamples: z.number().int().nonnegative() }),
  ),
  /**
   * Demo and tests only: acts on a simulated device (pull its cable, put a finger in the
   * oximeter, lay a card on the reader). Refused when the station uses real ports.
   */
  simulate: call(
    z.object({ device: z.string().min(1).max(64), action: SimAction }).strict(),
    z.object({ devices: z.array(z.object({ name: z.string(), driver: z.string(), plugged: z.boolean() })) }),
  ),
  settings: call(NoInput, DeviceSettings),
  saveSettings: call(DeviceSettings, DeviceSettings),
} as const;
