/**
 * ASTM E1394 records as the Contour USB sends them, one record per frame: H (header), P
 * (patient), O (order), R (result), L (terminator). Field positions follow the standard and
 * the worked examples in glucometers-tech/glucometerutils (support/contourusb.py and
 * drivers/tests/test_contourusb.py) and Anders Hammarquist's glucodump (hilljb/glucodump
 * contourusb.py and test/test_contourusb.py), e.g.
 *
 *   H|\^&||uvmjq4|Bayer7390^01.20\01.04\04.02.19^7390-1163170^7396-|A=1^C=63^…^U=1^…|209||||||1|201102142249
 *   R|67|^^^Glucose|7.9|mmol/L^P||B||201011281949
 *   L|1||N
 *
 * E1394 escape sequences (&F&, &S& …) are not decoded: no source shows the meter using them.
 */

export interface Delimiters {
  readonly field: string;
  readonly repeat: string;
  readonly component: string;
  readonly escape: string;
}

/** What the header declares in every example; used until a header has been read. */
export const DEFAULT_DELIMITERS: Delimiters = { field: '|', repeat: '\\', component: '^', escape: '&' };

export interface HeaderRecord {
  readonly type: 'header';
  readonly delimiters: Delimiters;
  readonly product: string;
  /** Firmware versions as sent ("01.24", "01.04", "09.02.20"). */
  readonly versions: readonly string[];
  readonly serial: string;
  /** `A=1^C=63^…^U=0^…`: meter settings; U is the unit (0 mg/dL, 1 mmol/L). */
  readonly settings: Readonly<Record<string, string>>;
  /** How many results the meter says it holds, when it says. */
  readonly resultCount: number | null;
  /** The meter clock when it sent the header, YYYYMMDDhhmm. */
  readonly time: string;
}

export interface ResultRecord {
  readonly type: 'result';
  readonly sequence: number;
  /** The fourth component of the test id: "Glucose". */
  readonly test: string;
  /** The value exactly as printed: "133", "7.9". */
  readonly value: string;
  readonly unit: string;
  /** What the meter's value refers to: P (plasma), B (whole blood) … as sent. */
  readonly reference: string;
  /** Result markers; the meter separates them with "/" (glucodump: "bug in meter?"). */
  readonly markers: readonly string[];
  /** YYYYMMDDhhmm as sent. */
  readonly time: string;
}

export type AstmRecord =
  | HeaderRecord
  | ResultRecord
  | { readonly type: 'patient' }
  /** An order; action code Q (field 12) marks a quality-control run (glucodump). */
  | { readonly type: 'order'; readonly control: boolean }
  /** The terminator; N is normal termination. */
  | { readonly type: 'terminator'; readonly code: string }
  /** A record type this driver does not use (comments, manufacturer records). */
  | { readonly type: 'other'; readonly letter: string };

const VALUE = /^\d+(\.\d+)?$/;
const TIME = /^\d{12}$/;

/** One record from a frame's text, or null when it is malformed. Never throws. */
export function parseRecord(text: string, delimiters: Delimiters): AstmRecord | null {
  const letter = text[0];
  if (letter === 'H') return parseHeader(text);
  const fields = text.split(delimiters.field);
  if (fields[0] !== letter) return null;
  switch (letter) {
    case 'P':
      return { type: 'patient' };
    case 'O':
      return { type: 'order', control: fields[11] === 'Q' };
    case 'L':
      return { type: 'terminator', code: fields[3] ?? '' };
    case 'R':
      return parseResult(fields, delimiters);
    case undefined:
      return null;
    default:
      return /^[A-Z]$/.test(letter) ? { type: 'other', letter } : null;
  }
}

function parseHeader(text: string): HeaderRecord | null {
  const [field, repeat, component, escape] = [text[1], text[2], text[3], text[4]];
  if (!field || !repeat || !component || !escape) return null;
  if (new Set([field, repeat, component, escape]).size !== 4 || text[5] !== field) return null;
  const fields = text.split(field);
  const [product = '', versions = '', serial = ''] = (fields[4] ?? '').split(component);
  const settings: Record<string, string> = {};
  for (const item of (fields[5] ?? '').split(component)) {
    const eq = item.indexOf('=');
    if (eq > 0) settings[item.slice(0, eq)] = item.slice(eq + 1);
  }
  const count = fields[6] ?? '';
  return {
    type: 'header',
    delimiters: { field, repeat, component, escape },
    product,
    versions: versions.split(repeat).filter(Boolean),
    serial,
    settings,
    resultCount: /^\d+$/.test(count) ? Number(count) : null,
    time: fields[13] ?? '',
  };
}

function parseResult(fields: readonly string[], d: Delimiters): ResultRecord | null {
  const [sequence = '', testId = '', value = '', units = '', , markers = '', , time = ''] = fields.slice(1);
  const [unit = '', reference = ''] = units.split(d.component);
  if (!/^\d+$/.test(sequence) || !VALUE.test(value) || !TIME.test(time)) return null;
  return {
    type: 'result',
    sequence: Number(sequence),
    test: testId.split(d.component)[3] ?? '',
    value,
    unit,
    reference,
    markers: markers.split('/').filter(Boolean),
    time,
  };
}
