import { v7 as uuidv7 } from 'uuid';
import type { PendingReading } from '../../contract/devices/devices-domain.js';
import { GlucoseContext, GlucoseUnit, interpret, kindOfLoinc, specOf, VITALS } from '../../contract/records/vitals.js';
import type { VitalKind } from '../../contract/records/vitals.js';
import type { DeviceIdentity, Measurement } from '../../drivers/core/events.js';
import type { Reading } from '../records/vital-readings.js';

/** A device reading waiting for the doctor, with what it becomes in the record. */
export interface Pending {
  readonly view: PendingReading;
  readonly identity: DeviceIdentity;
  /** What to store: null when the record would refuse the value (outside physiological limits). */
  readonly reading: Reading | null;
}

type Refusal = NonNullable<PendingReading['refusal']>;

function refusalOf(kind: VitalKind, value: number, glucoseUnit?: GlucoseUnit): Refusal | null {
  const spec = specOf(kind, glucoseUnit);
  const [min, max] = spec.limits;
  return value < min || value > max ? { code: 'vitals.out_of_limits', min, max, unit: spec.unit } : null;
}

/**
 * Turns what a driver measured into a pending reading: the kind the record uses, the flag
 * against normal ranges, and a refusal when the value is outside physiological limits (shown
 * to the doctor, never storable). The value itself passes through untouched.
 */
export function pendingFromMeasurement(m: Measurement, deviceKey: string, identity: DeviceIdentity): Pending | null {
  const kind = kindOfLoinc(m.loinc);
  if (kind === null) return null;
  const base = {
    id: uuidv7(),
    deviceKey,
    device: `${identity.manufacturer} ${identity.model}`,
    kind,
    loinc: m.loinc,
    display: m.display,
    value: m.value,
    measuredAt: m.time,
    stored: m.stored ?? false,
    ...(m.context ? { context: { ...m.context } } : {}),
  };
  if (kind === 'bloodPressure') {
    const part = (which: 'systolic' | 'diastolic') => {
      const c = m.components?.find((x) => x.loinc === VITALS[which].loinc);
      return c
        ? { ...c, unit: VITALS[which].unit, ucum: VITALS[which].ucum, interpretation: interpret(which, c.value) }
        : null;
    };
    const systolic = part('systolic');
    const diastolic = part('diastolic');
    if (!systolic || !diastolic) return null;
    const refusal = refusalOf('systolic', systolic.value) ?? refusalOf('diastolic', diastolic.value);
    const view: PendingReading = {
      ...base,
      value: systolic.value,
      unit: systolic.unit,
      components: [systolic, diastolic].map(({ ucum: _ucum, ...c }) => c),
      interpretation: worst([systolic.interpretation, diastolic.interpretation]),
      refusal,
    };
    const reading: Reading = {
      kind,
      loinc: m.loinc,
      display: m.display,
      value: systolic.value,
      value2: diastolic.value,
      unit: systolic.unit,
      ucum: systolic.ucum,
      interpretation: systolic.interpretation,
      context: null,
      components: [systolic, diastolic],
    };
    return { view, identity, reading: refusal ? null : reading };
  }
  const glucoseUnit = kind === 'glucose' ? GlucoseUnit.safeParse(m.unit).data : undefined;
  const glucoseContext = kind === 'glucose' ? GlucoseContext.safeParse(m.context?.['meal']).data : undefined;
  const spec = specOf(kind, glucoseUnit);
  // A unit the record does not know for this kind is not converted: the reading is refused.
  const unitRefusal: Refusal | null =
    spec.ucum === m.unit
      ? null
      : { code: 'devices.unit_mismatch', min: spec.limits[0], max: spec.limits[1], unit: m.unit };
  const interpretation = interpret(kind, m.value, {
    ...(glucoseUnit ? { glucoseUnit } : {}),
    ...(glucoseContext ? { glucoseContext } : {}),
  });
  const refusal = unitRefusal ?? refusalOf(kind, m.value, glucoseUnit);
  const view: PendingReading = { ...base, unit: spec.unit, interpretation, refusal };
  const reading: Reading = {
    kind,
    loinc: m.loinc,
    display: m.display,
    value: m.value,
    value2: null,
    unit: spec.unit,
    ucum: spec.ucum,
    interpretation,
    context: glucoseContext ?? null,
  };
  return { view, identity, reading: refusal ? null : reading };
}

const SEVERITY = ['N', 'L', 'H', 'LL', 'HH'] as const;
/** The more urgent of two flags, so a panel shows its worst part. */
function worst(flags: readonly (PendingReading['interpretation'] | null)[]): PendingReading['interpretation'] {
  return flags.reduce<PendingReading['interpretation']>(
    (a, b) => (b !== null && (a === null || SEVERITY.indexOf(b) > SEVERITY.indexOf(a)) ? b : a),
    null,
  );
}
