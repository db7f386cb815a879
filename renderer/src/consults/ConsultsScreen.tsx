import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConsultSummary, StationApi } from '../../../contract/index.js';
import { useLoad } from '../../components/use-load.js';
import { WhenLoaded } from '../Failure.js';
import { hrefOf } from '../routes.js';
import { ConsultList } from './status/ConsultList.js';
import { useReloadOnConsultChange } from './use-consults.js';
import './consults.css';

interface OpenConsults {
  readonly consults: readonly ConsultSummary[];
  /** Patient names by id; null where the record could not be read. */
  readonly names: ReadonlyMap<string, string | null>;
}

const always = () => true;

/**
 * The consults workflow: every consult not finished yet, across patients, oldest first, so the
 * doctor sees who is still waiting and who is ready to talk.
 */
export function ConsultsScreen({ station }: { station: StationApi }) {
  const { t } = useTranslation();
  const load = useCallback(async (): Promise<OpenConsults> => {
    const consults = await station.consults.open({});
    const ids = [...new Set(consults.map((c) => c.patientId))];
    const names = await Promise.all(
      ids.map((id) =>
        station.patients.get({ id }).then(
          (p) => [id, p.name] as const,
          () => [id, null] as const,
        ),
      ),
    );
    return { consults, names: new Map(names) };
  }, [station]);
  const [page, reload] = useLoad(load);
  useReloadOnConsultChange(station, always, reload);
  return (
    <section className="panel wide" aria-labelledby="consults-title" data-testid="consults-screen">
      <div className="panel-head">
        <h1 id="consults-title">{t('consults.openTitle')}</h1>
        <a className="button" href={hrefOf({ name: 'devices' })} data-testid="consult-precall-link">
          {t('consults.precall.link')}
        </a>
      </div>
      <p className="muted">{t('consults.openIntro')}</p>
      <WhenLoaded page={page}>
        {({ consults, names }) => (
          <ConsultList
            station={station}
            consults={consults}
            onChanged={reload}
            empty={t('consults.noneOpen')}
            headingOf={(c) => (
              <h3 className="consult-patient">
                <a href={hrefOf({ name: 'visit', id: c.visitId })} data-testid="consult-patient">
                  {names.get(c.patientId) ?? t('consults.unknownPatient')}
                </a>
              </h3>
            )}
          />
        )}
      </WhenLoaded>
    </section>
  );
}
