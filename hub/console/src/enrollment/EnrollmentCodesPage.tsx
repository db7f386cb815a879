import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CreatedEnrollmentCode } from '../../../server/admin/admin-wire.js';
import { useAdminClient } from '../api/client-context.js';
import { useErrorText } from '../api/use-error-text.js';
import { useLoad } from '../../../../renderer/components/use-load.js';
import { formatTime } from '../format.js';
import { codeStatus } from './code-status.js';
import { NewCodeForm } from './NewCodeForm.js';

/** The one time a code is seen: large, with its expiry, until the admin says it is noted. */
function CreatedCode({ created, onDismiss }: { created: CreatedEnrollmentCode; onDismiss: () => void }) {
  const { t, i18n } = useTranslation();
  return (
    <section className="created-code" aria-labelledby="created-code-title">
      <h2 id="created-code-title">{t('codes.createdTitle', { name: created.name })}</h2>
      <p className="the-code" data-testid="enrollment-code">
        {created.code}
      </p>
      <p>{t('codes.expiresAt', { time: formatTime(created.expiresAt, i18n.language) })}</p>
      <p className="banner banner-warning">{t('codes.createdOnce')}</p>
      <button type="button" className="button-primary" onClick={onDismiss}>
        {t('codes.dismiss')}
      </button>
    </section>
  );
}

/** Create enrollment codes and see which were used, never the codes themselves. */
export function EnrollmentCodesPage() {
  const { t, i18n } = useTranslation();
  const client = useAdminClient();
  const errorText = useErrorText();
  // Expiry is judged against the time of loading, so a render never reads the clock.
  const [loaded, reload] = useLoad(
    useCallback(async () => ({ ...(await client.enrollmentCodes()), loadedAt: Date.now() }), [client]),
  );
  // Held only in this component: leaving the page or dismissing forgets the code for good.
  const [created, setCreated] = useState<CreatedEnrollmentCode | null>(null);

  return (
    <section className="panel">
      <h1>{t('codes.title')}</h1>
      {created ? (
        <CreatedCode created={created} onDismiss={() => setCreated(null)} />
      ) : (
        <NewCodeForm
          onCreated={(code) => {
            setCreated(code);
            reload();
          }}
        />
      )}
      <div className="panel-head">
        <h2>{t('codes.listTitle')}</h2>
        <button type="button" onClick={reload}>
          {t('common.refresh')}
        </button>
      </div>
      {loaded.state === 'loading' && <p>{t('common.loading')}</p>}
      {loaded.state === 'failed' && (
        <p className="banner banner-error" role="alert">
          {errorText(loaded.error)}
        </p>
      )}
      {loaded.state === 'ready' && loaded.value.codes.length === 0 && <p>{t('codes.empty')}</p>}
      {loaded.state === 'ready' && loaded.value.codes.length > 0 && (
        <table className="table" aria-label={t('codes.listTitle')}>
          <thead>
            <tr>
              <th>{t('codes.name')}</th>
              <th>{t('codes.createdBy')}</th>
              <th>{t('codes.createdAt')}</th>
              <th>{t('codes.expires')}</th>
              <th>{t('codes.status')}</th>
              <th>{t('codes.station')}</th>
            </tr>
          </thead>
          <tbody>
            {loaded.value.codes.map((code, index) => {
              const status = codeStatus(code, loaded.value.loadedAt);
              return (
                <tr key={`${code.createdAt}-${index}`}>
                  <td>{code.name}</td>
                  <td>{code.createdBy}</td>
                  <td>{formatTime(code.createdAt, i18n.language)}</td>
                  <td>{formatTime(code.expiresAt, i18n.language)}</td>
                  <td>
                    <span className={`tag tag-${status}`}>{t(`codes.statuses.${status}`)}</span>
                  </td>
                  <td className="mono">{code.stationId ?? '—'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
