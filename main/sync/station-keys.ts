import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import type Database from 'better-sqlite3';

export interface StationKeys {
  privateKey: KeyObject;
  /** The raw 32-byte Ed25519 public key, url-safe base64: what enrollment sends the hub. */
  publicKeyText: string;
}

/** The raw public key of an Ed25519 key, url-safe base64 (the JWK `x`). */
export function publicKeyText(key: KeyObject): string {
  const jwk = (key.type === 'public' ? key : createPublicKey(key)).export({ format: 'jwk' });
  if (typeof jwk.x !== 'string') throw new Error('not an Ed25519 key');
  return jwk.x;
}

/**
 * The station's Ed25519 key pair, generated on first run and kept in the station database
 * (which only the core opens); the private key never leaves the core.
 */
export function stationKeys(db: Database.Database): StationKeys {
  const pem = db
    .transaction(() => {
      const row = db
        .prepare<[], { value: string }>("SELECT value FROM station_meta WHERE key = 'sync_private_key'")
        .get();
      if (row) return row.value;
      const { privateKey } = generateKeyPairSync('ed25519');
      const text = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
      db.prepare("INSERT INTO station_meta (key, value) VALUES ('sync_private_key', ?)").run(text);
      return text;
    })
    .immediate();
  const privateKey = createPrivateKey(pem);
  return { privateKey, publicKeyText: publicKeyText(privateKey) };
}
