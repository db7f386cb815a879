import { DriverError } from '../core/errors.js';
import type { IdCardEvent } from '../core/events.js';
import { decodeCardText, splitReadData } from './card-text.js';
import { ethnicityOf } from './ethnicity.js';

export type Card = IdCardEvent['card'];

/** What `validUntil` holds for a card that never expires. */
export const LONG_TERM = 'long-term';
// The chip writes the Chinese word for "long-term" in place of an end date.
const LONG_TERM_TEXT = '\u957F\u671F';

/** GB/T 2261.1: 1 male, 2 female; 0 (not known) and 9 (not stated) are both "unknown". */
export function sexOf(code: string): Card['sex'] {
  if (code === '1') return 'male';
  if (code === '2') return 'female';
  return 'unknown';
}

/** YYYYMMDD → YYYY-MM-DD, or null unless it is a real calendar date. */
export function isoDateOf(yyyymmdd: string): string | null {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(yyyymmdd);
  if (!m) return null;
  const iso = `${m[1]}-${m[2]}-${m[3]}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === iso ? iso : null;
}

const unreadable = (what: string) =>
  new DriverError('protocol', `ID card text does not follow the layout: ${what}`, 'id_card.unreadable_text');

/**
 * The card as the station uses it, from the data of a successful read reply. Dates become
 * YYYY-MM-DD; the ethnicity code becomes its GB 3304 name ('' for a code outside the
 * standard, rather than losing the card for it). Throws a protocol DriverError when the text
 * does not hold what a resident card holds (a foreigner's or a residence-permit card has a
 * different layout and lands here too).
 */
export function cardOf(data: Uint8Array): Card {
  const parts = splitReadData(data);
  if (!parts) throw unreadable('text and photo lengths do not add up');
  const text = decodeCardText(parts.text);
  if (text.name === '') throw unreadable('no name');
  if (text.nationalId === '') throw unreadable('no ID number');
  const birthDate = isoDateOf(text.birthDate);
  if (!birthDate) throw unreadable('birth date');
  const validFrom = isoDateOf(text.validFrom);
  if (!validFrom) throw unreadable('validity start');
  const validUntil = text.validUntil === LONG_TERM_TEXT ? LONG_TERM : isoDateOf(text.validUntil);
  if (!validUntil) throw unreadable('validity end');
  return {
    name: text.name,
    sex: sexOf(text.sexCode),
    ethnicity: ethnicityOf(text.ethnicityCode) ?? '',
    birthDate,
    address: text.address,
    nationalId: text.nationalId,
    issuer: text.issuer,
    validFrom,
    validUntil,
    photo: parts.photo,
  };
}
