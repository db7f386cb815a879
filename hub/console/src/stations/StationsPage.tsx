import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StationSummary } from '../../../server/admin/admin-wire.js';
import { useAdminClient } from '../api/client-context.js';
import { useAction } from '../api/use-action.js';
import { useErrorText } from '../api/use-error-text.js';
import { useLoad } from '../../../../renderer/components/use-load.js';
import { formatTime } from '../format.js';
import { stationState } from './station-state.js';

function RevokeConfirmation({ station, onDone }: { station: StationSummary; onDone: (revoked: boolean) => void }) {
  const { t } = useTranslation();
  const client = useAdminClient();
  const { busy, error, run } = useAction();
  const name = station.name ?? station.stationId;
  const revoke = () =>
    run(
      () => client.revokeStation(station.stationId),
      () => onDone(true),
    );
  return (
    <div className="confirm" role="alertdialog" aria-label={t('stations.revoke')}>
      <p>{t('stations.revokeQuestion', { name })}</p>
      {error && (
        <p className="banner banner-error" role="alert">
          {error}
        </p>
      )}
      <div className="actions">
        <button type="button" className="button-danger" disabled={busy} onClick={revoke}>
          {t('stations.revokeConfirm')}
        </button>
        <button type="button" disabled={busy} onClick={() => onDone(false)}>
          {t('common.cancel')}
        </button>
      </div>
    </div>
  );
}

function StationRow({ station, onRevoked }: { station: StationSummary; onRevoked: () => void }) {
  const { t, i18n } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const state = stationState(station);
  return (
    <>
      <tr>
        <td>{station.name ?? t('stations.unnamed')}</td>
        <td className="mono">{station.stationId}</td>
        <td>
          <span className={`tag tag-${state}`}>{t(`stations.states.${state}`)}</span>
        </td>
        <td>{station.enrolledAt ? formatTime(station.enrolledAt, i18n.language) : '—'}</td>
        <td>{formatTime(station.lastSeenAt, i18n.language)}</td>
        <td>{station.appVersion}</td>
        <td className="number">{station.recordCount}</td>
        <td>
          {state !== 'revoked' && !confirming && (
            <button type="button" className="button-danger-quiet" onClick={() => setConfirming(true)}>
              {t('stations.revoke')}
            </button>
          )}
        </td>
      </tr>
      {confirming && (
        <tr className="confirm-row">
          <td colSpan={8}>
            <RevokeConfirmation
              station={station}
              onDone={(revoked) => {
                setConfirming(false);
                if (revoked) onRevoked();
              }}
            />
          </td>
        </tr>
      )}
    </>
  );
}

/** Every station the hub knows: its state, last contact and records, with revocation. */
export function StationsPage() {
  const { t } = useTranslation();
  const client = useAdminClient();
  const errorText = useErrorText();
  const [loaded, reload] = useLoad(useCallback(() => client.stations(), [client]));
  const [revokedName, setRevokedName] = useState<string | null>(null);

  return (
    <section className="panel">
      <div className="panel-head">
        <h1>{t('stations.title')}</h1>
        <button type="button" onClick={reload}>
          {t('common.refresh')}
        </button>
      </div>
      {revokedName !== null && (
        <p className="banner banner-ok" role="status">
          {t('stations.revoked', { name: revokedName })}
        </p>
      )}
      {loaded.state === 'loading' && <p>{t('common.loading')}</p>}
      {loaded.state === 'failed' && (
        <p className="banner banner-error" role="alert">
          {errorText(loaded.error)}
        </p>
      )}
      {loaded.state === 'ready' && loaded.value.stations.length === 0 && <p>{t('stations.empty')}</p>}
      {loaded.state === 'ready' && loaded.value.stations.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th>{t('stations.name')}</th>
              <th>{t('stations.id')}</th>
              <th>{t('stations.state')}</th>
              <th>{t('stations.enrolledAt')}</th>
              <th>{t('stations.lastSeen')}</th>
              <th>{t('stations.version')}</th>
              <th>{t('stations.records')}</th>
              <th>{t('stations.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {loaded.value.stations.map((station) => (
              <StationRow
                key={station.stationId}
                station={station}
                onRevoked={() => {
                  setRevokedName(station.name ?? station.stationId);
                  reload();
                }}
              />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
