import { idCardReader } from '../../drivers/id-card/driver.js';
import { IdReaderSimulator } from '../../drivers/id-card/simulator.js';
import { ZHANG_SAN } from '../../drivers/id-card/test-cards.js';
import { tanitaSc240 } from '../../drivers/tanita-sc240/driver.js';
import { ScaleSimulator } from '../../drivers/tanita-sc240/simulator.js';
import type { HidSimSpec, SerialSimSpec } from './simulator-rig.js';

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
export const DEMO_SERIAL: readonly SerialSimSpec[] = [scale, idCard];
export const DEMO_HID: readonly HidSimSpec[] = [];
