import { randomBytes, scryptSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './password.js';

describe('password hashing', () => {
  it('stores scrypt with its parameters and a fresh salt, and verifies only the right password', async () => {
    const first = await hashPassword('村医站 secret');
    const second = await hashPassword('村医站 secret');
    expect(first).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(first).not.toBe(second);
    expect(await verifyPassword('村医站 secret', first)).toBe(true);
    expect(await verifyPassword('村医站 secret', second)).toBe(true);
    expect(await verifyPassword('村医站 Secret', first)).toBe(false);
    expect(await verifyPassword('', first)).toBe(false);
  });

  it('reads the parameters from the stored hash, so hashes made with another cost still verify', async () => {
    const salt = randomBytes(16);
    const key = scryptSync('pw-123456', salt, 32, { N: 1024, r: 4, p: 2 });
    const cheap = ['scrypt', 1024, 4, 2, salt.toString('base64url'), key.toString('base64url')].join('$');
    expect(await verifyPassword('pw-123456', cheap)).toBe(true);
    expect(await verifyPassword('pw-1234567', cheap)).toBe(false);
    // A parameter changed without re-deriving the key no longer matches.
    expect(await verifyPassword('pw-123456', cheap.replace('$1024$', '$2048$'))).toBe(false);
  });

  it('treats malformed or outlandish stored hashes as no match instead of throwing or exhausting memory', async () => {
    const hash = await hashPassword('pw-123456');
    const parts = hash.split('$');
    const variants = [
      '',
      'plain-text-password',
      hash.replace('scrypt', 'bcrypt'),
      parts.slice(0, 5).join('$'),
      [...parts.slice(0, 1), String(2 ** 30), ...parts.slice(2)].join('$'),
      [...parts.slice(0, 1), '1000', ...parts.slice(2)].join('$'),
      [...parts.slice(0, 2), '0', ...parts.slice(3)].join('$'),
      [...parts.slice(0, 4), '', parts[5]].join('$'),
      [...parts.slice(0, 5), 'AAAA'].join('$'),
    ];
    for (const stored of variants) expect(await verifyPassword('pw-123456', stored), stored).toBe(false);
  });
});
