import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { PatientSummary } from '../../../server/consults/console-wire.js';
import { TrendChart } from '../../../../renderer/components/vitals/TrendChart.js';
import { VitalsGlance } from '../../../../renderer/components/vitals/VitalsGlance.js';
import { vitalKeys } from '../../../../renderer/components/vitals/vital-kinds.js';
import { PatientLine } from '../queue/ConsultFacts.js';
import { EcgStripView } from './EcgStripView.js';
import { latestPerKind, trendCharts } from './vitals-view.js';

/** The patient as the station's records describe her: who, chronic conditions, vitals with trends, the ECG. */
export function PatientSummaryPanel({ summary }: { summary: PatientSummary }) {
  const { t } = useTranslation();
  const latest = useMemo(() => latestPerKind(summary.vitals), [summary.vitals]);
  // t changes with the language, so the labels follow it.
  const charts = useMemo(() => trendCharts(summary.vitals, (kind) => t(vitalKeys.kind(kind))), [summary.vitals, t]);
  return (
    <section className="summary" aria-labelledby="summary-title" data-testid="patient-summary">
      <h2 id="summary-title">{summary.name ?? t('consult.unnamedPatient')}</h2>
      <dl className="facts">
        <dt>{t('consult.patient')}</dt>
        <dd>
          <PatientLine patient={summary} />
        </dd>
        {summary.birthDate && (
          <>
            <dt>{t('consult.birthDate')}</dt>
            <dd>{summary.birthDate}</dd>
          </>
        )}
        <dt>{t('consult.village')}</dt>
        <dd>{summary.village ?? '—'}</dd>
        <dt>{t('consult.conditions')}</dt>
        <dd data-testid="conditions">
          {summary.conditions.length === 0 ? (
            t('consult.noConditions')
          ) : (
            <ul className="plain-list">
              {summary.conditions.map((c, i) => (
                <li key={`${c.code ?? ''}-${i}`}>
                  {c.text}
                  {c.code && <span className="mono muted"> {c.code}</span>}
                </li>
              ))}
            </ul>
          )}
        </dd>
      </dl>
      <VitalsGlance readings={latest} title={t('consult.latestVitals')} />
      {charts.length > 0 && (
        <section className="trends" aria-labelledby="consult-trends-title">
          <h2 id="consult-trends-title">{t('trends.title')}</h2>
          {charts.map((chart) => (
            <TrendChart
              key={chart.key}
              title={t(vitalKeys.kind(chart.kind))}
              series={chart.series}
              testId={`trend-${chart.key}`}
            />
          ))}
        </section>
      )}
      {summary.ecg ? <EcgStripView strip={summary.ecg} /> : <p className="muted">{t('consult.noEcg')}</p>}
      {summary.photos.length > 0 && (
        <section className="consult-photos" aria-labelledby="consult-photos-title">
          <h2 id="consult-photos-title">{t('consult.photos')}</h2>
          <ul className="photo-list">
            {summary.photos.map((photo, i) => (
              <li key={photo.mediaId}>
                <img
                  src={`data:${photo.contentType};base64,${photo.data}`}
                  alt={photo.title ?? t('consult.photoAlt', { n: i + 1 })}
                  data-testid="consult-photo"
                />
                {photo.title && <span>{photo.title}</span>}
              </li>
            ))}
          </ul>
        </section>
      )}
    </section>
  );
}
