import { useTranslation } from 'react-i18next';
import { useFormatters } from '../format.js';
import { InterpretationTag } from './InterpretationTag.js';
import { trendRows } from './trend-series.js';
import type { TrendSeries } from './trend-series.js';

/** The chart's values as a table beside it: exact numbers, readable without the picture. */
export function TrendTable({ caption, series }: { caption: string; series: readonly TrendSeries[] }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const rows = trendRows(series);
  return (
    <div className="trend-table-wrap">
      <table className="trend-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('trends.time')}</th>
            {series.map((s) => (
              <th key={s.key} scope="col">
                {s.label} ({s.unit})
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.at}>
              <th scope="row">
                <time dateTime={row.at}>{format.shortDateTime(row.at)}</time>
              </th>
              {row.cells.map((cell, i) => (
                <td key={series[i]?.key ?? i}>
                  {cell === null ? (
                    '—'
                  ) : (
                    <>
                      {format.number(cell.value)} <InterpretationTag code={cell.interpretation} />
                    </>
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
