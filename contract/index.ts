import type { ClientOf, HandlersOf } from './define.js';
import { authDomain } from './auth.js';
import { consultsDomain } from './consults/consults-domain.js';
import { devicesDomain } from './devices/devices-domain.js';
import { patientsDomain, visitsDomain } from './records/patients-domain.js';
import { stationDomain } from './station.js';
import { syncDomain } from './sync/station-sync.js';

export * from './define.js';
export * from './errors.js';
export * from './station.js';
export * from './auth.js';
export * from './records/patient.js';
export * from './records/visit.js';
export * from './devices/devices-domain.js';
export * from './sync/station-sync.js';
export * from './consults/consult.js';
export * from './consults/consults-domain.js';
export * from './consults/signal.js';

/** The station API: every call between renderer and core, grouped by domain. */
export const stationContract = {
  station: stationDomain,
  auth: authDomain,
  patients: patientsDomain,
  visits: visitsDomain,
  devices: devicesDomain,
  sync: syncDomain,
  consults: consultsDomain,
} as const;

export type StationContract = typeof stationContract;
export type StationApi = ClientOf<StationContract>;
export type StationHandlers = HandlersOf<StationContract>;
