import { BP_PANEL, VITALS } from '../../contract/records/vitals.js';
import type { Measurement } from '../core/events.js';
import type { BpRecord } from './reading.js';

/**
 * What the flags byte says, kept with the reading. Only the high nibble is documented (TruRead
 * series position); the raw byte is kept whenever it is not 0 so nothing the unit said is lost.
 * The notes document no flag for a cuff or motion error, so none is interpreted.
 */
function contextOf(flags: number): Record<string, string> | undefined {
  if (flags === 0) return undefined;
  const context: Record<string, string> = { flags: flags.toString(16).padStart(2, '0') };
  const series = flags >> 4;
  if (series >= 1 && series <= 3) context['truRead'] = String(series);
  return context;
}

/**
 * A stored reading as the station records it: the blood-pressure panel (85354-9) with systolic
 * and diastolic components, and the pulse as heart rate (8867-4). Values exactly as stored.
 */
export function measurementsOf(record: BpRecord, time: string): Measurement[] {
  const component = (kind: 'systolic' | 'diastolic', value: number) => ({
    loinc: VITALS[kind].loinc,
    display: VITALS[kind].display,
    value,
    unit: VITALS[kind].ucum,
  });
  const context = contextOf(record.flags);
  return [
    {
      type: 'measurement',
      loinc: BP_PANEL.loinc,
      display: BP_PANEL.display,
      // The panel's own value is the systolic, as the record layer files a panel.
      value: record.systolic,
      unit: VITALS.systolic.ucum,
      components: [component('systolic', record.systolic), component('diastolic', record.diastolic)],
      time,
      stored: true,
      ...(context ? { context } : {}),
    },
    {
      type: 'measurement',
      loinc: VITALS.heartRate.loinc,
      display: VITALS.heartRate.display,
      value: record.pulse,
      unit: VITALS.heartRate.ucum,
      time,
      stored: true,
    },
  ];
}
