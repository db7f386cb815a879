import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import type { ScryptOptions } from 'node:crypto';

/** scrypt cost for new hashes: 2^15 × 8 × 128 bytes = 32 MiB and about 0.1 s per hash. */
const COST = 2 ** 15;
const BLOCK_SIZE = 8;
const PARALLELISM = 1;
const KEY_BYTES = 32;
const SALT_BYTES = 16;
/** Ceilings for parameters read back from the database, so a tampered row cannot exhaust memory. */
const MAX_COST = 2 ** 20;
const MAX_BLOCK_SIZE = 32;
const MAX_PARALLELISM = 16;

function derive(
  password: string,
  salt: Buffer,
  keyBytes: number,
  cost: number,
  blockSize: number,
  parallelism: number,
) {
  const options: ScryptOptions = {
    N: cost,
    r: blockSize,
    p: parallelism,
    // Node refuses anything over 32 MiB by default, which is exactly what the cost above needs.
    maxmem: 256 * cost * blockSize + 1024 * 1024,
  };
  return new Promise<Buffer>((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, keyBytes, options, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

/**
 * Hashes a password with scrypt and a fresh salt. The parameters travel with the hash
 * (`scrypt$N$r$p$salt$key`, base64url), so raising the cost later keeps old hashes valid.
 */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, KEY_BYTES, COST, BLOCK_SIZE, PARALLELISM);
  return ['scrypt', COST, BLOCK_SIZE, PARALLELISM, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** True when `password` matches `stored`; false for a wrong password and for a malformed hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [cost, blockSize, parallelism] = parts.slice(1, 4).map((part) => (/^\d{1,8}$/.test(part) ? Number(part) : 0));
  const salt = Buffer.from(parts[4] ?? '', 'base64url');
  const expected = Buffer.from(parts[5] ?? '', 'base64url');
  const sane =
    cost !== undefined &&
    blockSize !== undefined &&
    parallelism !== undefined &&
    cost >= 2 &&
    cost <= MAX_COST &&
    (cost & (cost - 1)) === 0 &&
    blockSize >= 1 &&
    blockSize <= MAX_BLOCK_SIZE &&
    parallelism >= 1 &&
    parallelism <= MAX_PARALLELISM &&
    salt.length >= 8 &&
    expected.length >= 16 &&
    expected.length <= 64;
  if (!sane) return false;
  const actual = await derive(password, salt, expected.length, cost, blockSize, parallelism);
  return timingSafeEqual(actual, expected);
}

let decoy: Promise<string> | undefined;

/**
 * A hash of no one's password, verified against when the username is unknown so that an
 * unknown name takes as long to refuse as a wrong password.
 */
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword(randomBytes(16).toString('hex'));
  return decoy;
}
