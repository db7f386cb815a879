import { cms50e } from '../../drivers/cms50d/index.js';
import { V46Simulator } from '../../drivers/cms50d/simulator.js';
import { fileURLToPath } from 'node:url';
import { contourUsb } from '../../drivers/contour-usb/driver.js';
import { cytonEcg } from '../../drivers/ecg-cyton/driver.js';
import { findEcgData, loadRecording } from '../../drivers/ecg-cyton/recordings.js';
import type { EcgRecording } from '../../drivers/ecg-cyton/recordings.js';
import { CytonSimulator } from '../../drivers/ecg-cyton/simulator.js';
import { ContourSimulator, HEADER_MMOL_L } from '../../drivers/contour-usb/simulator.js';
import { idCardReader } from '../../drivers/id-card/driver.js';
import { omronHem } from '../../drivers/omron-hem/driver.js';
import { OmronSimulator } from '../../drivers/omron-hem/simulator.js';
import { IdReaderSimulator } from '../../drivers/id-card/simulator.js';
import { ZHANG_SAN } from '../../drivers/id-card/test-cards.js';
import { tanitaSc240 } from '../../drivers/tanita-sc240/driver.js';
import { ScaleSimulator } from '../../drivers/tanita-sc240/simulator.js';
import type { HidSimSpec, SerialSimSpec } from './simulator-rig.js';

/**
 * The oximeter (firmware 4.6 generation): a finger in it, SpO2 a little low so the flag
 * shows, until asked to take the finger out. A few stored readings to download.
 */
const oximeter: SerialSimSpec = {
  name: 'oximeter',
  driver: cms50e,
  start: (device) => {
    const sim = new V46Simulator(device, {
      spo2: 93,
      pulse: 88,
      stored: [
        { spo2: 96, pulse: 75 },
        { spo2: 95, pulse: 77 },
        { spo2: 95, pulse: 78 },
      ],
    });
    return {
      act: (action) => {
        if (action === 'finger-out') sim.fingerOut(true);
        else if (action === 'finger-in') sim.fingerOut(false);
        else return false;
        return true;
      },
      stop: () => sim.stop(),
    };
  },
};

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const recordings = new Map<number, EcgRecording>();
/**
 * What the demo ECG plays: PTB record s0010_re (an acute infero-lateral myocardial infarction,
 * eight leads filtered and decimated) when ../shared/data/ecg is there, else the synthetic
 * model. Loaded once per rate, when a stream first starts.
 */
const demoRecording = (sampleRate: number): EcgRecording => {
  let recording = recordings.get(sampleRate);
  if (!recording) {
    recording = loadRecording('ptbdb', sampleRate, findEcgData({ repoRoot })).recording;
    recordings.set(sampleRate, recording);
  }
  return recording;
};

/** The 12-lead ECG front end: streams when the station starts it; can lose packets on demand. */
const ecg: SerialSimSpec = {
  name: 'ecg',
  driver: cytonEcg,
  start: (device) => {
    const sim = new CytonSimulator(device, { recording: demoRecording });
    return {
      act: (action) => {
        if (action !== 'drop-packets') return false;
        sim.dropPackets(25);
        return true;
      },
      stop: () => sim.stop(),
    };
  },
};

/** The scale: someone steps on it when asked. */
const scale: SerialSimSpec = {
  name: 'scale',
  driver: tanitaSc240,
  start: (device) => {
    const sim = new ScaleSimulator(device);
    return {
      act: async (action) => {
        if (action !== 'step-on' && action !== 'measure') return false;
        await sim.stepOn({ weightKg: '62.4', fatPercent: '28.5', bmi: '24.9' });
        return true;
      },
      stop: () => undefined,
    };
  },
};

/** A demo resident's card (the test card, with a number whose GB 11643 check digit holds). */
const DEMO_CARD = { ...ZHANG_SAN, nationalId: '530102198001150018' };

/** The ID-card reader, with a demo resident's card to lay on it. */
const idCard: SerialSimSpec = {
  name: 'id-card',
  driver: idCardReader,
  start: (device) => {
    const sim = new IdReaderSimulator(device);
    return {
      act: (action) => {
        if (action === 'place-card') sim.place(DEMO_CARD);
        else if (action === 'remove-card') sim.remove();
        else return false;
        return true;
      },
      stop: () => undefined,
    };
  },
};

/** A device clock reading `minutesAgo` before now, in the station's local time. */
function clock(minutesAgo: number) {
  const t = new Date(Date.now() - minutesAgo * 60_000);
  return {
    year: t.getFullYear(),
    month: t.getMonth() + 1,
    day: t.getDate(),
    hour: t.getHours(),
    minute: t.getMinutes(),
    second: t.getSeconds(),
  };
}
const pad = (n: number) => String(n).padStart(2, '0');
const astmTime = (minutesAgo: number) => {
  const c = clock(minutesAgo);
  return `${c.year}${pad(c.month)}${pad(c.day)}${pad(c.hour)}${pad(c.minute)}`;
};

/** Computed once: the same unit keeps the same memory across being switched off and on. */
const once = <T>(make: () => T): (() => T) => {
  let value: T | undefined;
  return () => (value ??= make());
};

const cuffMemory = once(() => [
  { ...clock(5), systolic: 158, diastolic: 96, pulse: 82, flags: 0 },
  { ...clock(12), systolic: 149, diastolic: 92, pulse: 79, flags: 0 },
]);

/** The BP cuff holds two readings taken this morning, both high, so the flags show. */
const bpCuff: HidSimSpec = {
  name: 'bp-cuff',
  driver: omronHem,
  model: () => Object.assign(new OmronSimulator({ readings: cuffMemory() }), { act: () => false }),
};

const meterMemory = once(() => [
  { value: '7.9', unit: 'mmol/L' as const, time: astmTime(30), markers: 'B' },
  { value: '11.6', unit: 'mmol/L' as const, time: astmTime(200), markers: 'A' },
]);

/** The glucometer holds a fasting and a post-meal result, in mmol/L. */
const glucometer: HidSimSpec = {
  name: 'glucometer',
  driver: contourUsb,
  model: () =>
    Object.assign(new ContourSimulator({ header: HEADER_MMOL_L, results: meterMemory() }), { act: () => false }),
};

/** The simulated devices `npm start` attaches in demo mode. */
export const DEMO_SERIAL: readonly SerialSimSpec[] = [oximeter, ecg, scale, idCard];
export const DEMO_HID: readonly HidSimSpec[] = [bpCuff, glucometer];
