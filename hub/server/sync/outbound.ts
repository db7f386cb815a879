import type { Queryable } from '../db.js';
import type { PullItem } from '../../../contract/sync/wire.js';

/**
 * Queues something for a station to pull. The per-station counter row is locked by the
 * UPDATE until the transaction ends, so a second writer for the same station waits and its
 * number commits after this one: a station pulling "after N" can never miss an item that
 * committed late with a smaller number.
 */
export async function enqueueOutbound(
  tx: Queryable,
  stationId: string,
  kind: PullItem['kind'],
  itemId: string,
  payload: unknown,
): Promise<number> {
  const [row] = await tx.query<{ outbound_seq: string | number }>(
    'UPDATE stations SET outbound_seq = outbound_seq + 1 WHERE station_id = $1 RETURNING outbound_seq',
    [stationId],
  );
  if (!row) throw new Error(`no station ${stationId} to queue for`);
  const seq = Number(row.outbound_seq);
  await tx.query(
    `INSERT INTO station_outbound (station_id, seq, kind, item_id, payload) VALUES ($1, $2, $3, $4, $5::jsonb)
     ON CONFLICT (station_id, item_id) DO NOTHING`,
    [stationId, seq, kind, itemId, JSON.stringify(payload)],
  );
  return seq;
}

interface OutboundRow {
  seq: string | number;
  kind: PullItem['kind'];
  item_id: string;
  payload: unknown;
  created_at: Date;
}

/** Up to `limit` items after `cursor`, in order, and whether more follow. */
export async function readOutbound(
  db: Queryable,
  stationId: string,
  cursor: number,
  limit: number,
): Promise<{ items: PullItem[]; more: boolean }> {
  const rows = await db.query<OutboundRow>(
    `SELECT seq, kind, item_id, payload, created_at FROM station_outbound
     WHERE station_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
    [stationId, cursor, limit + 1],
  );
  const items = rows.slice(0, limit).map((row) => ({
    seq: Number(row.seq),
    kind: row.kind,
    itemId: row.item_id,
    payload: row.payload,
    createdAt: new Date(row.created_at).toISOString(),
  }));
  return { items, more: rows.length > limit };
}
