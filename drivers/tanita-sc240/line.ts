/**
 * One SC-240 output line: comma-separated key,value pairs ("Wk,62.4,FW,20.1,…,CS,xx") ended by
 * CR LF. The key names come from eightypop/sc240scale:lib/tanita-scale.js; the checksum
 * algorithm behind `CS` is not known, so a line is judged by its form alone (see README).
 */

/** Keys this driver reads; every other key is kept verbatim and not interpreted. */
export const KEY = { weight: 'Wk', fat: 'FW', bmi: 'MI', checksum: 'CS' } as const;

export type ScaleField = readonly [key: string, value: string];

export interface ScaleLine {
  /** Every pair in the order the scale sent it, values verbatim (the wire form). */
  readonly fields: readonly ScaleField[];
  /** `Wk`, as the decimal the scale printed (62.4 stays 62.4). */
  readonly weightKg: number;
  /** `FW`, when sent. */
  readonly fatPercent?: number;
  /** `MI`, when sent. */
  readonly bmi?: number;
  /** `CS` as sent; kept for the record, never verified (the algorithm is unknown). */
  readonly checksum?: string;
}

export const CR = 0x0d;
export const LF = 0x0a;

// Every key in the source's table is two visible characters; anything else is not a key.
const KEY_FORM = /^[!-~]{2}$/;
// A number the scale printed: digits with an optional fraction. No sign, no exponent: a
// weight, a fat percentage and a BMI are never negative, and "1e2" is not something a scale prints.
const DECIMAL = /^ *\d+(\.\d+)? *$/;
const NUMERIC_KEYS: ReadonlySet<string> = new Set([KEY.weight, KEY.fat, KEY.bmi]);

const printable = (bytes: Uint8Array): boolean => bytes.every((b) => b >= 0x20 && b <= 0x7e);

/** The value of a numeric field, or null when it is not a plain decimal. */
export function decimalOf(text: string): number | null {
  if (!DECIMAL.test(text)) return null;
  const value = Number(text.trim());
  return Number.isFinite(value) ? value : null;
}

/**
 * Reads the content of one line (without its CR LF). Null unless it is well-formed: printable
 * ASCII only, an even number of fields, every key two visible characters and used once,
 * `Wk` present, and `Wk`, `FW`, `MI` plain decimals.
 */
export function parseLine(content: Uint8Array): ScaleLine | null {
  if (content.length === 0 || !printable(content)) return null;
  const parts = String.fromCharCode(...content).split(',');
  if (parts.length % 2 !== 0) return null;
  const fields: ScaleField[] = [];
  const values = new Map<string, string>();
  for (let i = 0; i < parts.length; i += 2) {
    const key = parts[i] as string;
    const value = parts[i + 1] as string;
    if (!KEY_FORM.test(key) || values.has(key)) return null;
    if (NUMERIC_KEYS.has(key) && decimalOf(value) === null) return null;
    values.set(key, value);
    fields.push([key, value]);
  }
  const weight = values.get(KEY.weight);
  if (weight === undefined) return null;
  return lineOf(fields);
}

/** Builds the typed line from pairs already known to be well-formed. */
export function lineOf(fields: readonly ScaleField[]): ScaleLine {
  const get = (key: string) => fields.find(([k]) => k === key)?.[1];
  const number = (key: string) => {
    const text = get(key);
    return text === undefined ? undefined : (decimalOf(text) ?? undefined);
  };
  const fatPercent = number(KEY.fat);
  const bmi = number(KEY.bmi);
  const checksum = get(KEY.checksum);
  return {
    fields,
    weightKg: number(KEY.weight) ?? Number.NaN,
    ...(fatPercent === undefined ? {} : { fatPercent }),
    ...(bmi === undefined ? {} : { bmi }),
    ...(checksum === undefined ? {} : { checksum }),
  };
}

/** The bytes of a line as the scale sends them, CR LF included. */
export function encodeLine(fields: readonly ScaleField[]): Uint8Array {
  const text = fields.map(([k, v]) => `${k},${v}`).join(',');
  const out = new Uint8Array(text.length + 2);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i) & 0xff;
  out[text.length] = CR;
  out[text.length + 1] = LF;
  return out;
}
