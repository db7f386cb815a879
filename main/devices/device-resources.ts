import type { DeviceIdentity } from '../../drivers/core/events.js';
import { practitionerRef, SYSTEMS } from '../records/fhir-resources.js';
import type { Resource } from '../records/fhir-resources.js';

/** The id a contained Device has inside the resource that carries it. */
export const CONTAINED_DEVICE = 'device';

/**
 * The device that measured something, as a FHIR Device. It travels contained in each
 * Observation it measured, so a reading is self-describing wherever it syncs to.
 */
export function deviceResource(identity: DeviceIdentity): Resource {
  return {
    resourceType: 'Device',
    id: CONTAINED_DEVICE,
    ...(identity.serialNumber
      ? {
          identifier: [{ system: `${SYSTEMS.deviceSerial}/${identity.driver}`, value: identity.serialNumber }],
          serialNumber: identity.serialNumber,
        }
      : {}),
    manufacturer: identity.manufacturer,
    deviceName: [{ name: identity.model, type: 'model-name' }],
    ...(identity.firmware ? { version: [{ value: identity.firmware }] } : {}),
  };
}

/** Adds the measuring device to an Observation. */
export function withDevice(observation: Resource, identity: DeviceIdentity): Resource {
  return {
    ...observation,
    contained: [deviceResource(identity)],
    device: { reference: `#${CONTAINED_DEVICE}`, display: `${identity.manufacturer} ${identity.model}` },
  };
}

/**
 * Who vouches for device readings: the doctor who confirmed them (author) and the device
 * that measured them (performer), for the Observations it targets.
 */
export function provenanceResource(
  id: string,
  observationIds: readonly string[],
  identity: DeviceIdentity,
  userId: string,
  at: string,
): Resource {
  const agentType = (code: string, display: string) => ({
    coding: [{ system: SYSTEMS.provenanceAgentType, code, display }],
  });
  return {
    resourceType: 'Provenance',
    id,
    contained: [deviceResource(identity)],
    target: observationIds.map((o) => ({ reference: `Observation/${o}` })),
    recorded: at,
    agent: [
      { type: agentType('author', 'Author'), who: practitionerRef(userId) },
      { type: agentType('performer', 'Performer'), who: { reference: `#${CONTAINED_DEVICE}` } },
    ],
  };
}
