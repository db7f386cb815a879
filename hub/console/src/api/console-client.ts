import { ConsultNote } from '../../../../contract/consults/consult.js';
import {
  CONSOLE_API_PREFIX,
  ConsoleCallReport,
  ConsoleMe,
  ConsultDetail,
  IceConfig,
  Queue,
} from '../../../server/consults/console-wire.js';
import { z } from 'zod';
import { hubCaller } from './http.js';

/** The specialist API as the console uses it; every answer is checked against the shared schema. */
export interface ConsoleClient {
  me(): Promise<ConsoleMe>;
  setAvailability(available: boolean): Promise<ConsoleMe>;
  queue(): Promise<Queue>;
  consult(consultId: string): Promise<ConsultDetail>;
  /** Takes the consult; an `already_taken` error when another specialist was first. */
  accept(consultId: string): Promise<ConsultDetail>;
  /** Asks the station to join the call (state `calling`). */
  call(consultId: string): Promise<ConsultDetail>;
  ice(consultId: string): Promise<IceConfig>;
  reportCall(consultId: string, report: ConsoleCallReport): Promise<void>;
  /** Sends the consult note; the consult is then `answered`. */
  sendNote(consultId: string, note: ConsultNote): Promise<ConsultDetail>;
}

const Empty = z.object({});

/** A client of the hub's specialist API on this page's origin; `onSignedOut` runs when the session is gone. */
export function createConsoleClient(onSignedOut: () => void): ConsoleClient {
  const call = hubCaller(CONSOLE_API_PREFIX, onSignedOut);
  const consultPath = (consultId: string, rest = '') => `/consults/${encodeURIComponent(consultId)}${rest}`;
  return {
    me: () => call('GET', '/me', ConsoleMe),
    setAvailability: (available) => call('PUT', '/availability', ConsoleMe, { available }),
    queue: () => call('GET', '/queue', Queue),
    consult: (consultId) => call('GET', consultPath(consultId), ConsultDetail),
    accept: (consultId) => call('POST', consultPath(consultId, '/accept'), ConsultDetail),
    call: (consultId) => call('POST', consultPath(consultId, '/call'), ConsultDetail),
    ice: (consultId) => call('GET', consultPath(consultId, '/ice'), IceConfig),
    reportCall: async (consultId, report) => {
      await call('POST', consultPath(consultId, '/calls'), Empty, ConsoleCallReport.parse(report));
    },
    sendNote: (consultId, note) =>
      call('POST', consultPath(consultId, '/note'), ConsultDetail, ConsultNote.parse(note)),
  };
}
