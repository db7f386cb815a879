/**
 * The card's text as the chip stores it: 256 bytes of UCS-2 little-endian, fixed-width fields
 * padded with spaces, in this order. Widths are in characters. The 36 bytes after the last
 * field are reserved and ignored. Offsets agree with 10.ZKT_BearPi/Src/main.c, which takes
 * the name from byte 0 (30 bytes) and the ID number from byte 122 (36 bytes).
 */
export const TEXT_FIELDS = [
  ['name', 15],
  ['sexCode', 1],
  ['ethnicityCode', 2],
  ['birthDate', 8],
  ['address', 35],
  ['nationalId', 18],
  ['issuer', 15],
  ['validFrom', 8],
  ['validUntil', 8],
] as const;

export type TextField = (typeof TEXT_FIELDS)[number][0];

/** The fields as stored (padding removed, nothing converted: codes are codes, dates YYYYMMDD). */
export type CardText = Readonly<Record<TextField, string>>;

export const TEXT_LENGTH = 256;
export const PHOTO_LENGTH = 1024;
/** Bytes the fields occupy; a text shorter than this cannot hold them. */
export const FIELDS_LENGTH = TEXT_FIELDS.reduce((n, [, width]) => n + width * 2, 0);

const SPACE = 0x20;
const utf16le = new TextDecoder('utf-16le');
// Padding is ASCII space; NUL is trimmed too, in case a module pads with zeros.
const isPadding = (c: string) => c === ' ' || c === '\u0000';
function trimPadding(s: string): string {
  let from = 0;
  let to = s.length;
  while (from < to && isPadding(s.charAt(from))) from++;
  while (to > from && isPadding(s.charAt(to - 1))) to--;
  return s.slice(from, to);
}

export function decodeCardText(text: Uint8Array): CardText {
  const out: Partial<Record<TextField, string>> = {};
  let at = 0;
  for (const [field, width] of TEXT_FIELDS) {
    out[field] = trimPadding(utf16le.decode(text.subarray(at, at + width * 2)));
    at += width * 2;
  }
  return out as CardText;
}

/** The 256 bytes a chip holds for `card` (for the simulator and tests). */
export function encodeCardText(card: CardText): Uint8Array {
  const out = new Uint8Array(TEXT_LENGTH);
  for (let i = 0; i < TEXT_LENGTH; i += 2) out[i] = SPACE;
  let at = 0;
  for (const [field, width] of TEXT_FIELDS) {
    const value = card[field];
    if (value.length > width) throw new RangeError(`${field} is longer than ${width} characters`);
    for (let i = 0; i < value.length; i++) {
      const unit = value.charCodeAt(i);
      out[at + i * 2] = unit & 0xff;
      out[at + i * 2 + 1] = unit >> 8;
    }
    at += width * 2;
  }
  return out;
}

/** The read reply's data: text length, photo length (both big-endian), text, photo. */
export function encodeReadData(text: Uint8Array, photo: Uint8Array): Uint8Array {
  const out = new Uint8Array(4 + text.length + photo.length);
  out[0] = text.length >> 8;
  out[1] = text.length & 0xff;
  out[2] = photo.length >> 8;
  out[3] = photo.length & 0xff;
  out.set(text, 4);
  out.set(photo, 4 + text.length);
  return out;
}

/** Splits the read reply's data; null when its lengths do not add up. */
export function splitReadData(data: Uint8Array): { text: Uint8Array; photo: Uint8Array } | null {
  if (data.length < 4) return null;
  const textLength = ((data[0] as number) << 8) | (data[1] as number);
  const photoLength = ((data[2] as number) << 8) | (data[3] as number);
  if (data.length !== 4 + textLength + photoLength || textLength < FIELDS_LENGTH) return null;
  return { text: data.slice(4, 4 + textLength), photo: data.slice(4 + textLength) };
}
