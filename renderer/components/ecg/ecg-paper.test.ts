import { describe, expect, it } from 'vitest';
import { calibrationPulse, ECG_PAPER, ecgSheet, gridLines, mvPerUnit, pxPerMm, xMm, yMm } from './ecg-paper.js';

const TWELVE = ['I', 'II', 'III', 'aVR', 'aVL', 'aVF', 'V1', 'V2', 'V3', 'V4', 'V5', 'V6'];

describe('ECG paper', () => {
  it('is 25 mm/s and 10 mm/mV, with millimetres from 96 CSS px per inch times the zoom', () => {
    expect(ECG_PAPER).toEqual({ speedMmPerS: 25, gainMmPerMv: 10, minorMm: 1, majorMm: 5 });
    expect(pxPerMm(1)).toBeCloseTo(3.7795, 4);
    expect(pxPerMm(1.5)).toBeCloseTo(5.6693, 4);
  });

  it('lays the 12 leads out 3×4 over 2.5 s each, with a 10 s lead II rhythm strip', () => {
    const sheet = ecgSheet('3x4', TWELVE);
    expect(sheet.rows).toBe(4);
    expect(sheet.cells).toHaveLength(13);
    expect(sheet.cells.find((c) => c.lead === 'aVL')).toMatchObject({ row: 1, fromS: 2.5, toS: 5 });
    expect(sheet.cells.find((c) => c.lead === 'V6')).toMatchObject({ row: 2, fromS: 7.5, toS: 10 });
    expect(sheet.cells.filter((c) => c.rhythm)).toEqual([{ lead: 'II', row: 3, fromS: 0, toS: 10, rhythm: true }]);
    expect(sheet.widthMm).toBe(10 + 250);
  });

  it('lays them out 6×2 over 5 s each', () => {
    const sheet = ecgSheet('6x2', TWELVE);
    expect(sheet.rows).toBe(6);
    expect(sheet.cells).toHaveLength(12);
    expect(sheet.cells.find((c) => c.lead === 'V1')).toMatchObject({ row: 0, fromS: 5, toS: 10 });
  });

  it('gives channels that are not standard leads a full strip each', () => {
    const sheet = ecgSheet('3x4', ['CH1', 'CH2']);
    expect(sheet.layout).toBe('strips');
    expect(sheet.cells.map((c) => [c.lead, c.row, c.toS])).toEqual([
      ['CH1', 0, 10],
      ['CH2', 1, 10],
    ]);
  });

  it('places time and voltage to scale: 1 s is 25 mm, 1 mV is 10 mm up from the row baseline', () => {
    const sheet = ecgSheet('3x4', TWELVE);
    expect(xMm(sheet, 1) - xMm(sheet, 0)).toBe(25);
    expect(yMm(sheet, 0, 0) - yMm(sheet, 0, 1)).toBe(10);
    expect(yMm(sheet, 1, 0)).toBe(sheet.rowMm * 1.5);
    expect(mvPerUnit('uV')).toBe(0.001);
    expect(mvPerUnit('mV')).toBe(1);
    expect(mvPerUnit('1')).toBeNull();
  });

  it('draws a 1 mm grid with every fifth line major', () => {
    const { minor, major } = gridLines(10);
    expect(major).toEqual([0, 5, 10]);
    expect(minor).toEqual([1, 2, 3, 4, 6, 7, 8, 9]);
  });

  it('shows a 1 mV, 200 ms calibration pulse at the start of each row', () => {
    const sheet = ecgSheet('3x4', TWELVE);
    const pulse = calibrationPulse(sheet, 2);
    const ys = pulse.map(([, y]) => y);
    expect(Math.max(...ys) - Math.min(...ys)).toBe(10);
    const top = pulse.filter(([, y]) => y === Math.min(...ys)).map(([x]) => x);
    expect(Math.max(...top) - Math.min(...top)).toBe(5);
  });
});
