import type Database from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';

/** Returns the station's id, minting a UUIDv7 the first time the database is used. */
export function stationIdentity(db: Database.Database): string {
  const select = db.prepare<[], { value: string }>("SELECT value FROM station_meta WHERE key = 'station_id'");
  return db
    .transaction(() => {
      const existing = select.get();
      if (existing) return existing.value;
      const id = uuidv7();
      db.prepare("INSERT INTO station_meta (key, value) VALUES ('station_id', ?)").run(id);
      db.prepare("INSERT INTO station_meta (key, value) VALUES ('created_at', ?)").run(new Date().toISOString());
      return id;
    })
    .immediate();
}

/** The last time this station heard from a hub, per hub URL; survives restarts. */
export function lastHubContact(db: Database.Database, hubUrl: string): string | null {
  const row = db
    .prepare<[string], { last_contact_at: string }>(
      'SELECT last_contact_at FROM hub_contact WHERE id = 1 AND hub_url = ?',
    )
    .get(hubUrl);
  return row?.last_contact_at ?? null;
}

export function recordHubContact(db: Database.Database, hubUrl: string, at: string): void {
  db.prepare(
    `INSERT INTO hub_contact (id, hub_url, last_contact_at) VALUES (1, ?, ?)
     ON CONFLICT (id) DO UPDATE SET hub_url = excluded.hub_url, last_contact_at = excluded.last_contact_at`,
  ).run(hubUrl, at);
}
