import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EcgStrip } from '../../../server/consults/console-wire.js';
import { EcgTrace } from '../../../../renderer/components/ecg/EcgTrace.js';
import { useFormatters } from '../../../../renderer/components/format.js';
import { pageCount, PAGE_S, stripPageRing } from './strip-pages.js';

/** The ECG strip the station attached, on standard paper, a sweep's worth at a time. */
export function EcgStripView({ strip }: { strip: EcgStrip }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const [page, setPage] = useState(0);
  const pages = pageCount(strip);
  const ring = useMemo(() => stripPageRing(strip, page), [strip, page]);
  const missing = strip.leads.reduce((n, lead) => n + lead.samples.filter((s) => s === null).length, 0);
  const from = page * PAGE_S;
  const seconds = Math.max(0, ...strip.leads.map((l) => l.samples.length)) / strip.sampleRate;
  return (
    <section className="ecg-strip" aria-labelledby="ecg-strip-title" data-testid="ecg-strip">
      <h2 id="ecg-strip-title">{t('consult.ecgTitle')}</h2>
      <p className="muted">
        {t('consult.ecgRecorded', { time: format.dateTime(strip.recordedAt), rate: strip.sampleRate })}
        {missing > 0 && <> · {t('consult.ecgMissing', { count: missing })}</>}
      </p>
      <EcgTrace source={() => ring} layout="3x4" zoom={1} label={t('consult.ecgLabel')} />
      {pages > 1 && (
        <div className="actions" role="group" aria-label={t('consult.ecgPages')}>
          <button type="button" disabled={page === 0} onClick={() => setPage(page - 1)}>
            {t('consult.ecgPrevious')}
          </button>
          <span className="ecg-page">
            {t('consult.ecgPage', {
              from: format.number(from),
              to: format.number(Math.min(seconds, from + PAGE_S)),
            })}
          </span>
          <button type="button" disabled={page >= pages - 1} onClick={() => setPage(page + 1)}>
            {t('consult.ecgNext')}
          </button>
        </div>
      )}
    </section>
  );
}
