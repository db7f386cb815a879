import { useTranslation } from 'react-i18next';
import type { StationApi } from '../../../../contract/index.js';
import { WhenLoaded } from '../../Failure.js';
import { hrefOf } from '../../routes.js';
import { usePatientConsults } from '../use-consults.js';
import { ConsultList } from './ConsultList.js';

/** The patient page's consults: every consult of the patient, newest first, each with its visit. */
export function PatientConsults({ station, patientId }: { station: StationApi; patientId: string }) {
  const { t } = useTranslation();
  const [list, reload] = usePatientConsults(station, patientId);
  return (
    <section className="panel wide" aria-labelledby="patient-consults-title" data-testid="patient-consults">
      <h2 id="patient-consults-title">{t('consults.title')}</h2>
      <WhenLoaded page={list}>
        {(consults) => (
          <ConsultList
            station={station}
            consults={consults}
            onChanged={reload}
            headingOf={(c) => (
              <a className="consult-visit-link" href={hrefOf({ name: 'visit', id: c.visitId })}>
                {t('consults.openVisit')}
              </a>
            )}
          />
        )}
      </WhenLoaded>
    </section>
  );
}
