/**
 * HID report framing of the Omron HEM-790IT family (openyou/libomron
 * doc/omron_protocol_notes.asciidoc, "Packet Format"): every report is 8 bytes and byte 0
 * counts the valid bytes after it. Bytes past the count are left over from earlier reports
 * (the USB captures in libomron doc/logs/hem790it show them) and mean nothing.
 */

export const REPORT_SIZE = 8;
/** Valid bytes a report can carry after its count byte. */
export const MAX_PAYLOAD = REPORT_SIZE - 1;

/** Splits a command into output reports of at most 7 bytes each, zero-padded. */
export function toReports(command: Uint8Array): Uint8Array[] {
  const reports: Uint8Array[] = [];
  for (let at = 0; at < command.length; at += MAX_PAYLOAD) {
    const part = command.subarray(at, at + MAX_PAYLOAD);
    const report = new Uint8Array(REPORT_SIZE);
    report[0] = part.length;
    report.set(part, 1);
    reports.push(report);
  }
  return reports;
}

/**
 * The valid bytes of an input report, or null when the count byte cannot be right (more than
 * 7, or more than the report holds). libomron clamps a count of 8 to 7 with a "FIXME? Bug?";
 * a vendor capture shows such a report (`08 60 00 …`) as noise after a clearing block, so
 * here it is treated as not a report at all.
 */
export function payloadOf(report: Uint8Array): Uint8Array | null {
  const count = report[0];
  if (count === undefined || count > MAX_PAYLOAD || 1 + count > report.length) return null;
  return report.slice(1, 1 + count);
}
