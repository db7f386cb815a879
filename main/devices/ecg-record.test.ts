import type { ValidateFunction } from 'ajv';
import { beforeAll, describe, expect, it } from 'vitest';
import { PatientInput } from '../../contract/records/patient.js';
import type { DeviceIdentity, Waveform } from '../../drivers/core/events.js';
import { fhirR4Validator } from '../../test/support/fhir-schema.js';
import { useTempStore } from '../../test/support/temp-store.js';
import { exportPatientBundle } from '../records/fhir-export.js';
import { readingsOfVisit } from '../records/observations.js';
import { registerPatient } from '../records/register-patient.js';
import { patientTimeline } from '../records/timeline.js';
import { verifyAudit } from '../records/verify-audit.js';
import { openVisit } from '../records/visits.js';
import { storeEcgStrip } from './ecg-record.js';
import { MISSING, StripCollector } from './ecg-strip.js';

const actor = { userId: '0197a0e0-0000-7000-8000-000000000001', stationId: 'station-1' };
const temp = useTempStore(actor);
let validate: ValidateFunction;
beforeAll(() => {
  validate = fhirR4Validator();
});

const STEP = 0.02235 / 2;
const leads = ['I', 'II', 'III', 'aVR', 'aVL', 'aVF', 'V1', 'V2', 'V3', 'V4', 'V5', 'V6'];
/** A batch of `n` samples from `seq`; every value an exact multiple of STEP. */
const batch = (seq: number, n: number): Waveform => ({
  type: 'waveform',
  channels: leads,
  sampleRate: 500,
  seq,
  unit: 'uV',
  resolution: STEP,
  samples: leads.map((_, c) => Array.from({ length: n }, (_, i) => (seq + i) * (c + 1) * STEP - 3 * STEP)),
});
const ecgDevice: DeviceIdentity = { driver: 'ecg-cyton', manufacturer: 'OpenBCI', model: 'Cyton', port: '/dev/pts/9' };

describe('ECG strips', () => {
  it('collects exactly the asked length, marks lost samples as gaps and never fills them', () => {
    const collector = new StripCollector(100);
    collector.add(batch(1000, 40));
    collector.add(batch(1050, 40)); // samples 1040–1049 never arrived
    collector.add(batch(1090, 40)); // only 10 of these are needed
    expect(collector.done).toBe(true);
    const strip = collector.strip();
    expect(strip.gaps).toEqual([[40, 10]]);
    const lead2 = strip.steps[1]!;
    expect(lead2[0]).toBe(1000 * 2 - 3);
    expect(Array.from(lead2.slice(40, 50))).toEqual(new Array(10).fill(MISSING));
    expect(lead2[50]).toBe(1050 * 2 - 3);
    expect(lead2[99]).toBe(1099 * 2 - 3);
  });

  it('refuses a sample that is not on the device grid instead of rounding it', () => {
    const collector = new StripCollector(10);
    const bad = batch(0, 10);
    const odd = { ...bad, samples: bad.samples.map((c, i) => (i === 0 ? [STEP * 0.5, ...c.slice(1)] : c)) };
    expect(() => collector.add(odd)).toThrow(/not a multiple/);
  });

  it('stores a strip as a FHIR Observation with SampledData per lead and the raw samples beside it', () => {
    const { id: patientId } = registerPatient(
      temp.store.db,
      actor,
      PatientInput.parse({
        name: '赵六',
        sex: 'female',
        birthDate: '1950-03-04',
        village: '南岭村',
        consent: { telemedicine: true, shareWithHub: true },
      }),
    );
    const { id: visitId } = openVisit(temp.store.db, actor, { patientId, reason: 'illness' });
    const collector = new StripCollector(5000);
    for (let seq = 0; seq < 5000; seq += 20) if (seq !== 200) collector.add(batch(seq, 20));
    const id = storeEcgStrip(temp.store.db, actor, visitId, collector.strip(), ecgDevice);

    const row = temp.store.db
      .prepare<[string], { sample_count: number; gaps: string; data: Buffer; scale_uv: number }>(
        'SELECT sample_count, gaps, data, scale_uv FROM waveform_samples WHERE observation_id = ?',
      )
      .get(id)!;
    expect(row.sample_count).toBe(5000);
    expect(JSON.parse(row.gaps)).toEqual([[200, 20]]);
    expect(row.data.length).toBe(5000 * 12 * 4);
    expect(row.scale_uv).toBe(STEP);
    // Sample 300 of lead V6 (index 11), exactly as sent.
    expect(row.data.readInt32LE((300 * 12 + 11) * 4) * row.scale_uv).toBeCloseTo(300 * 12 * STEP - 3 * STEP, 9);

    const bundle = exportPatientBundle(temp.store.db, actor.stationId, patientId) as {
      entry: { resource: { id: string; component?: { valueSampledData: { data: string; factor: number } }[] } }[];
    };
    const ecg = bundle.entry.find((e) => e.resource.id === id)!.resource;
    expect(ecg.component).toHaveLength(12);
    const lead1 = ecg.component![0]!.valueSampledData;
    expect(lead1.factor).toBe(STEP);
    const values = lead1.data.split(' ');
    expect(values).toHaveLength(5000);
    expect(values.slice(199, 222)).toEqual(['196', ...new Array(20).fill('E'), '217', '218']);
    expect(validate(bundle), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    // The timeline and the visit's readings take a strip (components without quantities).
    expect(patientTimeline(temp.store.db, patientId).find((e) => e.recordId === id)?.summary).toMatchObject({
      loinc: '11524-6',
      value: null,
    });
    expect(readingsOfVisit(temp.store.db, visitId).find((r) => r.id === id)).toMatchObject({ kind: 'ecg', value: 10 });
    expect(verifyAudit(temp.store.db).ok).toBe(true);
  });
});
