/**
 * ECG paper as a cardiologist reads it: 25 mm/s, 10 mm/mV, a 1 mm minor and 5 mm major grid,
 * a 1 mV calibration pulse at the start of each row. Pure geometry in millimetres; the screen
 * scale comes from CSS pixels (96 per inch) times a zoom, so "mm" are nominal on a monitor.
 */
export const ECG_PAPER = { speedMmPerS: 25, gainMmPerMv: 10, minorMm: 1, majorMm: 5 } as const;

/** CSS pixels per millimetre at 96 CSS px per inch. */
export const CSS_PX_PER_MM = 96 / 25.4;

export const pxPerMm = (zoom: number): number => CSS_PX_PER_MM * zoom;

export const ECG_LAYOUTS = ['3x4', '6x2'] as const;
export type EcgLayout = (typeof ECG_LAYOUTS)[number];

/** One lead drawn in one place: its row and the stretch of the sweep (seconds) it covers. */
export interface EcgCell {
  readonly lead: string;
  readonly row: number;
  readonly fromS: number;
  readonly toS: number;
  /** The long strip under the 3×4 grid. */
  readonly rhythm: boolean;
}

export interface EcgSheet {
  readonly layout: EcgLayout | 'strips';
  /** Seconds one sweep across the sheet shows. */
  readonly sweepS: number;
  readonly rows: number;
  readonly rowMm: number;
  /** Left margin holding each row's calibration pulse. */
  readonly marginMm: number;
  readonly widthMm: number;
  readonly heightMm: number;
  readonly cells: readonly EcgCell[];
}

const SWEEP_S = 10;
const MARGIN_MM = 10;
const COLUMNS: Readonly<Record<EcgLayout, readonly (readonly string[])[]>> = {
  '3x4': [
    ['I', 'II', 'III'],
    ['aVR', 'aVL', 'aVF'],
    ['V1', 'V2', 'V3'],
    ['V4', 'V5', 'V6'],
  ],
  '6x2': [
    ['I', 'II', 'III', 'aVR', 'aVL', 'aVF'],
    ['V1', 'V2', 'V3', 'V4', 'V5', 'V6'],
  ],
};
/** Row height: 3 mV per row on the 3×4 sheet, 2.5 mV on the 6×2; tall waves overlap as on paper. */
const ROW_MM: Readonly<Record<EcgLayout | 'strips', number>> = { '3x4': 30, '6x2': 25, strips: 30 };

function sheetOf(layout: EcgSheet['layout'], cells: EcgCell[], rows: number): EcgSheet {
  const rowMm = ROW_MM[layout];
  return {
    layout,
    sweepS: SWEEP_S,
    rows,
    rowMm,
    marginMm: MARGIN_MM,
    widthMm: MARGIN_MM + SWEEP_S * ECG_PAPER.speedMmPerS,
    heightMm: rows * rowMm,
    cells,
  };
}

/**
 * Where each lead goes. The standard 12 leads use the 3×4 sheet with a lead II rhythm strip, or
 * 6×2; a device whose channels are not the standard leads gets one full-length strip per channel.
 */
export function ecgSheet(layout: EcgLayout, channels: readonly string[]): EcgSheet {
  const columns = COLUMNS[layout];
  if (!channels.some((c) => columns.some((col) => col.includes(c)))) {
    return sheetOf(
      'strips',
      channels.map((lead, row) => ({ lead, row, fromS: 0, toS: SWEEP_S, rhythm: true })),
      channels.length,
    );
  }
  const columnS = SWEEP_S / columns.length;
  const cells: EcgCell[] = columns.flatMap((leads, col) =>
    leads.map((lead, row) => ({ lead, row, fromS: col * columnS, toS: (col + 1) * columnS, rhythm: false })),
  );
  const rows = Math.max(...columns.map((c) => c.length));
  if (layout === '3x4') {
    cells.push({ lead: 'II', row: rows, fromS: 0, toS: SWEEP_S, rhythm: true });
    return sheetOf(layout, cells, rows + 1);
  }
  return sheetOf(layout, cells, rows);
}

/** Millimetres per sample unit, or null for a unit the sheet cannot draw to scale. */
export function mvPerUnit(unit: string): number | null {
  switch (unit) {
    case 'uV':
    case 'µV':
      return 0.001;
    case 'mV':
      return 1;
    default:
      return null;
  }
}

/** x (mm) of a moment `seconds` into the sweep. */
export const xMm = (sheet: EcgSheet, seconds: number): number => sheet.marginMm + seconds * ECG_PAPER.speedMmPerS;

/** y (mm) of a value in mV on a row: the baseline sits in the row's middle, positive is up. */
export const yMm = (sheet: EcgSheet, row: number, mv: number): number =>
  row * sheet.rowMm + sheet.rowMm / 2 - mv * ECG_PAPER.gainMmPerMv;

/** Grid line positions (mm) from 0 to `lengthMm`: every minor line, and which of them are major. */
export function gridLines(lengthMm: number): { minor: number[]; major: number[] } {
  const minor: number[] = [];
  const major: number[] = [];
  for (let mm = 0; mm <= lengthMm + 1e-9; mm += ECG_PAPER.minorMm) {
    const at = Math.round(mm / ECG_PAPER.minorMm) * ECG_PAPER.minorMm;
    (at % ECG_PAPER.majorMm === 0 ? major : minor).push(at);
  }
  return { minor, major };
}

/**
 * The 1 mV calibration pulse at the left of a row, as points (mm): 200 ms wide, 10 mm tall.
 * It shows on the screen what 1 mV looks like at this gain.
 */
export function calibrationPulse(sheet: EcgSheet, row: number): (readonly [number, number])[] {
  const base = yMm(sheet, row, 0);
  const top = yMm(sheet, row, 1);
  const x0 = 2;
  const x1 = x0 + 0.2 * ECG_PAPER.speedMmPerS;
  return [
    [0.5, base],
    [x0, base],
    [x0, top],
    [x1, top],
    [x1, base],
    [MARGIN_MM - 0.5, base],
  ];
}
