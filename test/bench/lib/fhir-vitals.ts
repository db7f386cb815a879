import { v7 as uuidv7 } from 'uuid';
import { BP_PANEL, VITALS } from '../../../contract/records/vitals.js';
import type { VitalSpec } from '../../../contract/records/vitals.js';
import { SYSTEMS } from '../../../main/records/fhir-resources.js';
import { rng } from './population.js';

/**
 * A backlog of FHIR R4 vital-signs Observations such as a busy station writes in a week offline:
 * blood pressure panels (85354-9 with 8480-6/8462-4 in mm[Hg]), heart rate (8867-4, /min) and
 * SpO2 (2708-6, %), each with UUIDv7 subject, encounter and performer references, the measuring
 * device contained, and a timestamp in China Standard Time. Deterministic for a given seed;
 * bodies run about 700–1,100 bytes of JSON.
 */

export interface BenchRecord {
  id: string;
  /** The Observation as JSON text. */
  body: string;
}

const DEVICES = {
  bp: { model: 'Omron HEM-7136', serialPrefix: 'HEM7136-' },
  oximeter: { model: 'Contec CMS50D+', serialPrefix: 'CMS50D-' },
} as const;

const coded = (spec: { loinc: string; display: string }) => ({
  coding: [{ system: SYSTEMS.loinc, code: spec.loinc, display: spec.display }],
});

const quantity = (value: number, spec: VitalSpec) => ({
  value,
  unit: spec.unit,
  system: SYSTEMS.ucum,
  code: spec.ucum,
});

// Flagged only when out of range, as most senders do.
function flag(value: number, spec: VitalSpec): { interpretation?: unknown[] } {
  if (!spec.normal) return {};
  const [low, high] = spec.normal;
  if (value >= low && value <= high) return {};
  const code = value < low ? 'L' : 'H';
  return { interpretation: [{ coding: [{ system: SYSTEMS.interpretation, code }] }] };
}

// Ids in a UUIDv7 sequence that starts `at` and steps `stepMs`, with seeded random bits.
function idMaker(random: () => number, at: number) {
  return (msecs: number) =>
    uuidv7({ msecs: at + msecs, random: Uint8Array.from({ length: 16 }, () => Math.floor(random() * 256)) });
}

/** `count` Observations for `patients` patients seen over the week before `endsAt`. */
export function vitalsBacklog(count: number, options: { seed?: number; patients?: number; endsAt?: Date } = {}) {
  const random = rng(options.seed ?? 5);
  const end = (options.endsAt ?? new Date('2025-03-14T17:00:00+08:00')).getTime();
  const start = end - 7 * 24 * 3600_000;
  const step = (end - start) / Math.max(1, count);
  const id = idMaker(random, start);
  const patients = Array.from({ length: options.patients ?? 400 }, (_, i) => id(i));
  const doctor = id(0);
  const records: BenchRecord[] = [];
  let encounter = id(0);
  let patient = patients[0]!;
  for (let i = 0; i < count; i += 1) {
    const offset = Math.round(i * step);
    // A visit takes blood pressure and heart rate from the cuff, then SpO2 from the oximeter.
    if (i % 3 === 0) {
      patient = patients[Math.floor(random() * patients.length)]!;
      encounter = id(offset);
    }
    records.push(observation(id(offset), random, { patient, encounter, doctor, at: start + offset, kind: i % 3 }));
  }
  return records;
}

/** One Observation flagged critical, e.g. an SpO2 of 84 % during a suspected MI: the record that must not wait. */
export function emergencyObservation(options: { seed?: number; at?: Date } = {}): BenchRecord {
  const random = rng(options.seed ?? 911);
  const at = (options.at ?? new Date('2025-03-14T17:05:00+08:00')).getTime();
  const id = idMaker(random, at);
  const record = observation(id(0), random, { patient: id(1), encounter: id(2), doctor: id(3), at, kind: 2 });
  const body = JSON.parse(record.body) as { valueQuantity: { value: number }; interpretation: unknown };
  body.valueQuantity.value = 84;
  body.interpretation = [{ coding: [{ system: SYSTEMS.interpretation, code: 'LL' }] }];
  return { id: record.id, body: JSON.stringify(body) };
}

interface Subject {
  patient: string;
  encounter: string;
  doctor: string;
  at: number;
  /** 0: blood pressure panel, 1: heart rate, 2: SpO2. */
  kind: number;
}

function observation(id: string, random: () => number, s: Subject): BenchRecord {
  const between = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));
  const device = s.kind <= 1 ? DEVICES.bp : DEVICES.oximeter;
  // China Standard Time, as the station records it.
  const effective = new Date(s.at + 8 * 3600_000).toISOString().replace(/\.\d+Z$/, '+08:00');
  const base = {
    resourceType: 'Observation',
    id,
    contained: [
      {
        resourceType: 'Device',
        id: 'device',
        serialNumber: `${device.serialPrefix}${between(10_000, 99_999)}`,
        deviceName: [{ name: device.model, type: 'model-name' }],
      },
    ],
    status: 'final',
    category: [{ coding: [{ system: SYSTEMS.observationCategory, code: 'vital-signs', display: 'Vital Signs' }] }],
  };
  const refs = {
    subject: { reference: `Patient/${s.patient}` },
    encounter: { reference: `Encounter/${s.encounter}` },
    effectiveDateTime: effective,
    performer: [{ reference: `Practitioner/${s.doctor}` }],
    device: { reference: '#device' },
  };
  let body: Record<string, unknown>;
  if (s.kind === 0) {
    const systolic = between(105, 175);
    const diastolic = between(62, Math.min(110, systolic - 30));
    body = {
      ...base,
      code: coded(BP_PANEL),
      ...refs,
      component: [
        {
          code: coded(VITALS.systolic),
          valueQuantity: quantity(systolic, VITALS.systolic),
          ...flag(systolic, VITALS.systolic),
        },
        {
          code: coded(VITALS.diastolic),
          valueQuantity: quantity(diastolic, VITALS.diastolic),
          ...flag(diastolic, VITALS.diastolic),
        },
      ],
    };
  } else {
    const spec = s.kind === 1 ? VITALS.heartRate : VITALS.spo2;
    const value = s.kind === 1 ? between(52, 112) : between(91, 100);
    body = { ...base, code: coded(spec), ...refs, valueQuantity: quantity(value, spec), ...flag(value, spec) };
  }
  return { id, body: JSON.stringify(body) };
}
