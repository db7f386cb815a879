/**
 * The HID wrapper of the Contour USB (glucometers-tech/glucometerutils
 * glucometerutils/support/contourusb.py, `read` and `write`): 64-byte reports; the host writes
 * "ABC", a length byte and the data, zero-padded; in the meter's reports byte 3 is the length
 * and the data follows from byte 4. A meter message continues for as long as its reports are
 * full (60 data bytes). What bytes 0–2 of the meter's reports hold is not in the source; they
 * are ignored.
 */

export const REPORT_SIZE = 64;
export const HEADER_SIZE = 4;
/** Data bytes in one report. */
export const MAX_DATA = REPORT_SIZE - HEADER_SIZE;

const ABC = [0x41, 0x42, 0x43];

/** The host's report: "ABC" + length + data, zero-padded to 64 bytes. */
export function hostReport(data: Uint8Array): Uint8Array {
  if (data.length > MAX_DATA) throw new RangeError(`a host report carries at most ${MAX_DATA} bytes`);
  const report = new Uint8Array(REPORT_SIZE);
  report.set(ABC);
  report[3] = data.length;
  report.set(data, HEADER_SIZE);
  return report;
}

/** The data in a host report, or null when it is not "ABC" + a possible length. */
export function hostData(report: Uint8Array): Uint8Array | null {
  const length = report[3];
  if (length === undefined || length > MAX_DATA || report[0] !== 0x41 || report[1] !== 0x42 || report[2] !== 0x43) {
    return null;
  }
  return report.slice(HEADER_SIZE, HEADER_SIZE + length);
}

/**
 * The data in one of the meter's reports, or null when the length byte cannot be right. A
 * report may arrive shorter than 64 bytes (a trimmed transcript); only the declared data has
 * to be there.
 */
export function meterData(report: Uint8Array): Uint8Array | null {
  const length = report[3];
  if (length === undefined || length > MAX_DATA || HEADER_SIZE + length > report.length) return null;
  return report.slice(HEADER_SIZE, HEADER_SIZE + length);
}

/** Whether the meter's message goes on in the next report (this one is full). */
export const continues = (report: Uint8Array): boolean => report[3] === MAX_DATA;

/**
 * The meter's side, for the simulator: a message split into reports of 60 data bytes. A
 * message that fills its last report exactly is followed by an empty one, or the host (which
 * reads on while reports are full) would wait for more. Bytes 0–2 are left zero.
 */
export function meterReports(message: Uint8Array): Uint8Array[] {
  const reports: Uint8Array[] = [];
  for (let at = 0; ; at += MAX_DATA) {
    const part = message.subarray(at, at + MAX_DATA);
    const report = new Uint8Array(REPORT_SIZE);
    report[3] = part.length;
    report.set(part, HEADER_SIZE);
    reports.push(report);
    if (part.length < MAX_DATA) return reports;
  }
}
