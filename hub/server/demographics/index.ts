export { editDemographicsOnHub, HubDemographicsError, HUB_NODE, HUB_ORIGIN } from './edit-on-hub.js';
export type { HubEditRefusal, HubEditResult } from './edit-on-hub.js';
export { readDemographics } from './demographics-rows.js';
export type { HubPatientDemographics } from './demographics-rows.js';
export { listHubConflicts } from './hub-conflicts.js';
export type { HubConflict } from './hub-conflicts.js';
export { mergePushedDemographics, mergePushedPatient } from './merge-pushed-patient.js';
export type { PushedPatientOutcome } from './merge-pushed-patient.js';
