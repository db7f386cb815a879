import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StationApi, StationInfo, StationStatus } from '../../../contract/index.js';
import { useErrorMessage } from '../use-error-message.js';

function useStationInfo(station: StationApi) {
  const [info, setInfo] = useState<StationInfo | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let live = true;
    station.station.info({}).then(
      (value) => live && setInfo(value),
      (reason: unknown) => live && setError(reason),
    );
    return () => {
      live = false;
    };
  }, [station]);
  return { info, error };
}

function useStationStatus(station: StationApi): StationStatus | null {
  const [status, setStatus] = useState<StationStatus | null>(null);
  useEffect(() => station.station.statusChanges({}, setStatus), [station]);
  return status;
}

function Row({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div className="row">
      <dt>{label}</dt>
      <dd data-testid={testId}>{value}</dd>
    </div>
  );
}

/** The first screen: facts about the running station, every value read from the core. */
export function StatusScreen({ station }: { station: StationApi }) {
  const { t, i18n } = useTranslation();
  const errorMessage = useErrorMessage();
  const { info, error } = useStationInfo(station);
  const status = useStationStatus(station);
  const time = (iso: string | null) =>
    iso === null
      ? t('status.never')
      : new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'medium' }).format(new Date(iso));

  return (
    <section className="panel" aria-busy={info === null || status === null}>
      <h1>{t('status.title')}</h1>
      {error !== null && (
        <p className="banner banner-error" role="alert">
          {errorMessage(error)}
        </p>
      )}
      {info === null || status === null ? (
        error === null && <p>{t('status.loading')}</p>
      ) : (
        <dl className="facts">
          <Row label={t('status.stationId')} value={info.stationId} testId="station-id" />
          <Row label={t('status.appVersion')} value={info.appVersion} testId="app-version" />
          <Row label={t('status.mode')} value={t(`status.modes.${info.mode}`)} testId="mode" />
          <Row label={t('status.databasePath')} value={info.database.path} testId="database-path" />
          <Row
            label={t('status.schemaVersion')}
            value={t('status.schemaOf', {
              current: info.database.schemaVersion,
              shipped: info.database.shippedSchemaVersion,
            })}
            testId="schema-version"
          />
          <Row
            label={t('status.hubUrl')}
            value={status.hub.url ?? t('status.hubStates.not_configured')}
            testId="hub-url"
          />
          <div className="row">
            <dt>{t('status.hubState')}</dt>
            <dd>
              <span className={`pill pill-${status.hub.state}`} data-testid="hub-state" data-state={status.hub.state}>
                {t(`status.hubStates.${status.hub.state}`)}
              </span>
            </dd>
          </div>
          <Row label={t('status.lastContact')} value={time(status.hub.lastContactAt)} testId="last-contact" />
          <Row label={t('status.startedAt')} value={time(info.startedAt)} testId="started-at" />
        </dl>
      )}
    </section>
  );
}
