import { IceConfig } from '../../contract/consults/signal.js';
import { StationError } from '../../contract/errors.js';
import { SYNC_PATHS } from '../../contract/sync/wire.js';
import type { HubCallFn } from '../sync/hub-http.js';

/**
 * Asks the hub for a consult call's ICE servers (short-lived TURN credentials made for this
 * station). Any failure is `hub_unavailable`: the call page says the hub cannot be reached.
 */
export async function fetchIceConfig(call: HubCallFn | null, consultId: string): Promise<IceConfig> {
  if (!call) throw new StationError('hub_unavailable');
  try {
    const answer = await call<unknown>({ method: 'GET', path: `${SYNC_PATHS.callIce}?consult=${consultId}` });
    return IceConfig.parse(answer);
  } catch {
    throw new StationError('hub_unavailable');
  }
}
