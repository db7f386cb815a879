import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLoad } from '../../../../renderer/components/use-load.js';
import { useAdminClient } from '../api/client-context.js';
import { useErrorText } from '../api/use-error-text.js';
import { NewSpecialistForm } from './NewSpecialistForm.js';

/** The specialists who answer consults: who they are, their specialty and whether they are available. */
export function SpecialistsPage() {
  const { t } = useTranslation();
  const client = useAdminClient();
  const errorText = useErrorText();
  const [loaded, reload] = useLoad(useCallback(() => client.specialists(), [client]));
  const [createdName, setCreatedName] = useState<string | null>(null);

  return (
    <section className="panel">
      <h1>{t('specialists.title')}</h1>
      {createdName !== null && (
        <p className="banner banner-ok" role="status">
          {t('specialists.created', { name: createdName })}
        </p>
      )}
      <NewSpecialistForm
        onCreated={(created) => {
          setCreatedName(created.displayName);
          reload();
        }}
      />
      <div className="panel-head">
        <h2>{t('specialists.listTitle')}</h2>
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
      {loaded.state === 'ready' && loaded.value.specialists.length === 0 && <p>{t('specialists.empty')}</p>}
      {loaded.state === 'ready' && loaded.value.specialists.length > 0 && (
        <table className="table" aria-label={t('specialists.listTitle')}>
          <thead>
            <tr>
              <th>{t('specialists.displayName')}</th>
              <th>{t('specialists.username')}</th>
              <th>{t('specialists.specialty')}</th>
              <th>{t('specialists.availability')}</th>
            </tr>
          </thead>
          <tbody>
            {loaded.value.specialists.map((s) => (
              <tr key={s.username}>
                <td>{s.displayName}</td>
                <td className="mono">{s.username}</td>
                <td>{t(`specialty.${s.specialty}`)}</td>
                <td>
                  <span className={`tag ${s.available ? 'tag-enrolled' : 'tag-used'}`}>
                    {s.available ? t('queue.available') : t('queue.busy')}
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
