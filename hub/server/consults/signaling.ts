import type { SignalData } from '../../../contract/consults/signal.js';
import type { Queryable } from '../db.js';
import type { HubBus } from './bus.js';

/** Why a signal was not passed on. */
export type SignalRefusal = 'not_found' | 'no_call';

/** States in which a consult's call may be set up or running. */
const CALL_STATES = new Set(['calling', 'in_call']);

interface CallParties {
  station_id: string;
  accepted_by: string | null;
  state: string;
}

async function partiesOf(db: Queryable, consultId: string): Promise<CallParties | null> {
  const [row] = await db.query<CallParties>(
    'SELECT station_id, accepted_by, state FROM hub_consults WHERE consult_id = $1',
    [consultId],
  );
  return row ?? null;
}

/**
 * Passes a station's signal to the specialist who took the consult. Only the consult's own
 * station, only while a call is on: anything else is refused and goes nowhere.
 */
export async function relayFromStation(
  db: Queryable,
  bus: HubBus,
  stationId: string,
  consultId: string,
  data: SignalData,
): Promise<SignalRefusal | null> {
  const parties = await partiesOf(db, consultId);
  if (!parties || parties.station_id !== stationId || parties.accepted_by === null) return 'not_found';
  if (!CALL_STATES.has(parties.state)) return 'no_call';
  bus.toConsole(parties.accepted_by, { t: 'signal', consultId, data });
  return null;
}

/** Passes a specialist's signal to the consult's station: only hers, only while a call is on. */
export async function relayFromConsole(
  db: Queryable,
  bus: HubBus,
  username: string,
  consultId: string,
  data: SignalData,
): Promise<SignalRefusal | null> {
  const parties = await partiesOf(db, consultId);
  if (!parties || parties.accepted_by !== username) return 'not_found';
  if (!CALL_STATES.has(parties.state)) return 'no_call';
  bus.toStation(parties.station_id, { t: 'signal', consultId, data });
  return null;
}

/** The consults with a call on for a station or a specialist, to tell the other side who left. */
export async function activeCalls(
  db: Queryable,
  side: { stationId: string } | { username: string },
): Promise<{ consult_id: string; station_id: string; accepted_by: string }[]> {
  const [column, value] = 'stationId' in side ? ['station_id', side.stationId] : ['accepted_by', side.username];
  return db.query(
    `SELECT consult_id, station_id, accepted_by FROM hub_consults WHERE ${column} = $1 AND state IN ('calling', 'in_call')`,
    [value],
  );
}
