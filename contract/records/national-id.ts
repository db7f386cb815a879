/**
 * The resident identity card number of GB 11643-1999: six digits of region, eight of birth
 * date, three of sequence (odd for men, even for women) and an ISO 7064 MOD 11-2 check
 * character. The legacy 15-digit form (before 1999) has a two-digit year and no check digit.
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

/** Province-level codes of GB/T 2260 (the first two digits of the region). */
const PROVINCES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63,
  64, 65, 71, 81, 82, 83,
]);

export interface NationalId {
  /** Always the 18-character form, with an upper-case X. */
  readonly id18: string;
  readonly birthDate: string;
  readonly sex: 'male' | 'female';
  readonly regionCode: string;
  readonly convertedFrom15: boolean;
}

export type NationalIdProblem = 'format' | 'check_digit' | 'birth_date' | 'region';

export type NationalIdResult = { ok: true; value: NationalId } | { ok: false; reason: NationalIdProblem };

/** The check character for the first 17 digits. */
export function checkCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] ?? 0);
  return CHECK_CHARS.charAt(sum % 11);
}

function validDate(iso: string, today: Date): boolean {
  const d = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso) return false;
  return iso >= '1890-01-01' && iso <= today.toISOString().slice(0, 10);
}

/**
 * Checks a typed ID number: spaces are ignored and a lower-case x is accepted; the 15-digit
 * form is converted (19xx century, check digit computed). Nothing else is guessed.
 */
export function parseNationalId(input: string, today = new Date()): NationalIdResult {
  const text = input.replace(/\s+/g, '').toUpperCase();
  let id18: string;
  let convertedFrom15 = false;
  if (/^\d{15}$/.test(text)) {
    const first17 = `${text.slice(0, 6)}19${text.slice(6)}`;
    id18 = first17 + checkCharacter(first17);
    convertedFrom15 = true;
  } else if (/^\d{17}[\dX]$/.test(text)) {
    id18 = text;
  } else {
    return { ok: false, reason: 'format' };
  }
  if (!PROVINCES.has(Number(id18.slice(0, 2)))) return { ok: false, reason: 'region' };
  const birthDate = `${id18.slice(6, 10)}-${id18.slice(10, 12)}-${id18.slice(12, 14)}`;
  if (!validDate(birthDate, today)) return { ok: false, reason: 'birth_date' };
  if (checkCharacter(id18.slice(0, 17)) !== id18[17]) return { ok: false, reason: 'check_digit' };
  return {
    ok: true,
    value: {
      id18,
      birthDate,
      sex: Number(id18[16]) % 2 === 1 ? 'male' : 'female',
      regionCode: id18.slice(0, 6),
      convertedFrom15,
    },
  };
}

/** Which typed facts disagree with what the ID says; shown to the doctor, never overwritten. */
export function nationalIdMismatches(
  id: NationalId,
  typed: { birthDate?: string; sex?: 'male' | 'female' },
): ('birthDate' | 'sex')[] {
  const out: ('birthDate' | 'sex')[] = [];
  if (typed.birthDate !== undefined && typed.birthDate !== id.birthDate) out.push('birthDate');
  if (typed.sex !== undefined && typed.sex !== id.sex) out.push('sex');
  return out;
}

/** For lists and logs: region and last four kept, birth date and sequence hidden. */
export function maskNationalId(id18: string): string {
  if (id18.length < 10) return '*'.repeat(id18.length);
  return `${id18.slice(0, 6)}${'*'.repeat(id18.length - 10)}${id18.slice(-4)}`;
}
