import { cms50e } from '../../drivers/cms50d/index.js';
import { V46Simulator } from '../../drivers/cms50d/simulator.js';
import { idCardReader } from '../../drivers/id-card/driver.js';
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

/** The ID-card reader, with a demo resident's card to lay on it. */
const idCard: SerialSimSpec = {
  name: 'id-card',
  driver: idCardReader,
  start: (device) => {
    const sim = new IdReaderSimulator(device);
    return {
      act: (action) => {
        if (action === 'place-card') sim.place(ZHANG_SAN);
        else if (action === 'remove-card') sim.remove();
        else return false;
        return true;
      },
      stop: () => undefined,
    };
  },
};

/** The simulated devices `npm start` attaches in demo mode. */
export const DEMO_SERIAL: readonly SerialSimSpec[] = [oximeter, scale, idCard];
export const DEMO_HID: readonly HidSimSpec[] = [];
