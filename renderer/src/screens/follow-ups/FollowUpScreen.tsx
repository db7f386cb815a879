import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { FollowUpItem, StationApi } from '../../../../contract/index.js';
import { useFormatters } from '../../../components/format.js';
import { hrefOf } from '../../routes.js';
import { useErrorMessage } from '../../use-error-message.js';
import { useLoad } from '../../../components/use-load.js';

function FollowUpRow({ item }: { item: FollowUpItem }) {
  const { t } = useTranslation();
  const format = useFormatters();
  return (
    <tr data-testid="follow-up" data-state={item.state}>
      <th scope="row">
        <span className="follow-name">{item.name}</span>
        <div className="muted">
          {t(`sex.${item.sex}`)} · {t('patient.ageYears', { count: item.age })} · {item.village ?? t('common.none')}
          {item.phone && <span className="mono"> · {item.phone}</span>}
        </div>
      </th>
      <td>{item.programs.map((p) => t(`followUps.programs.${p}`)).join('、')}</td>
      <td>{item.lastFollowUpAt ? format.dateTime(item.lastFollowUpAt) : t('followUps.never')}</td>
      <td>{format.date(item.dueOn)}</td>
      <td>
        <span className={`tag tag-follow-${item.state}`}>{t(`followUps.states.${item.state}`)}</span>
        {item.daysOverdue > 0 && <div>{t('followUps.daysOverdue', { count: item.daysOverdue })}</div>}
      </td>
      <td>
        <a className="button" href={hrefOf({ name: 'patient', id: item.patientId })}>
          {t('followUps.open', { name: item.name })}
        </a>
      </td>
    </tr>
  );
}

/**
 * Hypertension and type-2 diabetes patients due or overdue for their quarterly follow-up, most
 * overdue first; a row opens the patient, where the follow-up visit starts.
 */
export function FollowUpScreen({ station }: { station: StationApi }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const [list] = useLoad(useCallback(() => station.patients.followUps({}), [station]));
  return (
    <section className="panel wide">
      <h1>{t('nav.follow-ups')}</h1>
      <p className="muted">{t('followUps.intro')}</p>
      {list.state === 'loading' && <p>{t('status.loading')}</p>}
      {list.state === 'failed' && (
        <p className="banner banner-error" role="alert">
          {errorMessage(list.error)}
        </p>
      )}
      {list.state === 'ready' &&
        (list.value.length === 0 ? (
          <p>{t('followUps.none')}</p>
        ) : (
          <table className="record-table follow-table" aria-label={t('nav.follow-ups')}>
            <thead>
              <tr>
                <th scope="col">{t('followUps.patient')}</th>
                <th scope="col">{t('followUps.programme')}</th>
                <th scope="col">{t('followUps.last')}</th>
                <th scope="col">{t('followUps.dueOn')}</th>
                <th scope="col">{t('followUps.state')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('visit.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.value.map((item) => (
                <FollowUpRow key={item.patientId} item={item} />
              ))}
            </tbody>
          </table>
        ))}
    </section>
  );
}
