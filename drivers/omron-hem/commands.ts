/**
 * Host commands of the Omron HEM-790IT family: three ASCII letters, data bytes, and a
 * checksum byte that makes the XOR of everything after the letters zero (libomron
 * doc/omron_protocol_notes.asciidoc; byte layouts as src/omron.c builds them).
 */

export const xor = (bytes: Uint8Array): number => bytes.reduce((sum, b) => sum ^ b, 0);

const ascii = (text: string): number[] => Array.from(text, (c) => c.charCodeAt(0));

/**
 * The feature report that selects "individual reading" mode, as libomron sends it
 * (DAILY_INFO_MODE 0x74bc, high byte first). The vendor software's capture uses other values
 * (01 01, 31 2C, A0 12) before the same commands; what the value means is not known.
 */
export const READINGS_MODE = Uint8Array.of(0x74, 0xbc);

/**
 * The clearing block sent after a mode change: 30 zero bytes, i.e. four reports of seven and
 * one of two, as the notes describe and the vendor capture shows. (libomron itself sends 23,
 * later 12, zero bytes; the device answered the vendor's 30 with "OK".)
 */
export const CLEAR_BLOCK = new Uint8Array(30);

/** `VER00`: unit version, answered with "OK", a 0 byte, 11 ASCII characters and a checksum. */
export const VERSION = Uint8Array.from(ascii('VER00'));

/** `GDC 00 <bank> 00 00 <chk>`: how many readings the bank holds. */
export const countCommand = (bank: number): Uint8Array => Uint8Array.of(...ascii('GDC'), 0x00, bank, 0x00, 0x00, bank);

/**
 * `GME 00 <bank> 00 <index> <chk>`: one reading; index 0 is the newest. The index is one byte,
 * as in libomron (the notes call bytes 5–6 "the index"; byte 5 is 0 in every example).
 */
export const recordCommand = (bank: number, index: number): Uint8Array =>
  Uint8Array.of(...ascii('GME'), 0x00, bank, 0x00, index, bank ^ index);

/** `END FF FF`: the session is over; the unit answers and switches itself off. */
export const END = Uint8Array.of(...ascii('END'), 0xff, 0xff);

/** Reply lengths, counted from "OK": status (2) + a 0 byte + data + checksum. */
export const REPLY_LENGTH = { version: 15, count: 8, record: 17 } as const;
