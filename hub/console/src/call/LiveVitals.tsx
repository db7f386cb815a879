import { useTranslation } from 'react-i18next';
import { EcgTrace } from '../../../../renderer/components/ecg/EcgTrace.js';
import { formatMeasured } from '../../../../renderer/components/format.js';
import { InterpretationTag } from '../../../../renderer/components/vitals/InterpretationTag.js';
import { isReadingKind, vitalKeys } from '../../../../renderer/components/vitals/vital-kinds.js';
import { useNow } from '../use-now.js';
import { arrivalAgeMs, liveAgeKnown, liveAgeMs, liveDelayed } from './live-feed.js';
import type { LiveFeed, LiveValue } from './live-feed.js';

/** The kinds a specialist looks at first, in this order; anything else the station sends follows. */
const FIRST = ['spo2', 'heartRate', 'bloodPressure'];
const SYSTOLIC = '8480-6';
const DIASTOLIC = '8462-4';

function Age({ value, now }: { value: LiveValue; now: number }) {
  const { t } = useTranslation();
  const seconds = Math.floor(liveAgeMs(value, now) / 1000);
  const known = liveAgeKnown(value);
  const delayed = liveDelayed(value);
  const age =
    seconds < 60 ? t('live.ageSeconds', { s: seconds }) : t('live.ageMinutes', { m: Math.floor(seconds / 60) });
  // Without a clock estimate the age leaves out the time in transit: it is only a lower bound.
  const text = known ? age : t('live.ageAtLeast', { age });
  const late = Math.floor(arrivalAgeMs(value) / 1000);
  return (
    <span
      className={seconds >= 60 || delayed ? 'live-age live-stale' : 'live-age'}
      data-testid="live-age"
      data-delayed={delayed}
      title={known ? undefined : t('live.transitUnknown')}
    >
      {text}
      {delayed && (
        <>
          {' '}
          <strong data-testid="live-delayed">{t('live.delayed', { s: late })}</strong>
        </>
      )}
    </span>
  );
}

function Reading({ value, now }: { value: LiveValue; now: number }) {
  const { t, i18n } = useTranslation();
  const number = (v: number) => formatMeasured(v, i18n.language);
  const label = isReadingKind(value.kind) ? t(vitalKeys.kind(value.kind)) : value.kind;
  const systolic = value.components.find((c) => c.loinc === SYSTOLIC);
  const diastolic = value.components.find((c) => c.loinc === DIASTOLIC);
  const pair = systolic && diastolic;
  return (
    <li className="glance-item" data-testid={`live-${value.kind}`} data-kind={value.kind}>
      <span className="glance-label">{label}</span>
      <span className="glance-value" data-testid="live-value">
        {pair ? `${number(systolic.value)}/${number(diastolic.value)}` : number(value.value)}{' '}
        <span className="unit">{pair ? systolic.unit : value.unit}</span>
      </span>
      <span className="glance-flags">
        {pair ? (
          <>
            <InterpretationTag code={systolic.interpretation} of={t('vitals.kinds.systolic')} />
            <InterpretationTag code={diastolic.interpretation} of={t('vitals.kinds.diastolic')} />
          </>
        ) : (
          <InterpretationTag code={value.interpretation} />
        )}
      </span>
      <span className="glance-time">
        <Age value={value} now={now} /> · {value.device}
      </span>
    </li>
  );
}

/** The station's vitals as they are measured, each with its age, and the live ECG when one records. */
export function LiveVitals({ feed, version }: { feed: LiveFeed; version: number }) {
  const { t } = useTranslation();
  const now = useNow(1000);
  const values = [...feed.values.values()].sort((a, b) => {
    const rank = (k: string) => (FIRST.includes(k) ? FIRST.indexOf(k) : FIRST.length);
    return rank(a.kind) - rank(b.kind) || a.kind.localeCompare(b.kind);
  });
  const ecg = feed.ecgInfo();
  return (
    <section className="live" aria-labelledby="live-title" data-version={version}>
      <h3 id="live-title">{t('live.title')}</h3>
      {values.length === 0 ? (
        <p className="muted">{t('live.none')}</p>
      ) : (
        <ul className="glance-grid">
          {values.map((value) => (
            <Reading key={value.kind} value={value} now={now} />
          ))}
        </ul>
      )}
      {ecg && (
        <div data-testid="live-ecg">
          <EcgTrace
            source={() => feed.ecg()}
            layout="3x4"
            zoom={0.8}
            label={t('live.ecgLabel', { device: ecg.device })}
          />
        </div>
      )}
    </section>
  );
}
