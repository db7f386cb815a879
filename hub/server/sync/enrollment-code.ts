import { createHash, randomInt } from 'node:crypto';

/** Crockford base32: no I, L, O or U, so a code read aloud over the phone survives. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A new one-time enrollment code: 16 characters (80 bits) in four groups, e.g. 7K2M-QX9D-…. */
export function newEnrollmentCode(): string {
  const chars = Array.from({ length: 16 }, () => ALPHABET[randomInt(ALPHABET.length)]);
  return [0, 4, 8, 12].map((i) => chars.slice(i, i + 4).join('')).join('-');
}

/** The code as compared: upper case, without spaces or dashes, confusable letters mapped. */
export function normalizeEnrollmentCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
}

/** What the hub stores instead of the code itself. */
export function enrollmentCodeDigest(code: string): string {
  return createHash('sha256').update(normalizeEnrollmentCode(code)).digest('hex');
}
