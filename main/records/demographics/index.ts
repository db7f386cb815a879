export { applyPulledDemographics, DemographicsApplyError } from './apply-pulled.js';
export type { DemographicsApplyReason } from './apply-pulled.js';
export { listConflicts } from './conflict-log.js';
export { HUB_USER_ID, hubActor } from './hub-user.js';
export { updateDemographics } from './update-demographics.js';
