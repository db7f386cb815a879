import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PatientRecord, StationApi } from '../../../../contract/index.js';
import { hrefOf } from '../../routes.js';

/** The typed ID belongs to a registered patient: say whose, and open that record. */
export function IdRegisteredNotice({
  station,
  patientId,
  onOpen,
}: {
  station: StationApi;
  patientId: string;
  /** The doctor opens the registered patient: the half-typed registration is dropped. */
  onOpen: () => void;
}) {
  const { t } = useTranslation();
  const [patient, setPatient] = useState<PatientRecord | null>(null);
  useEffect(() => {
    let live = true;
    station.patients.get({ id: patientId }).then(
      (p) => live && setPatient(p),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [station, patientId]);
  return (
    <section className="banner banner-warning hold" role="alert" aria-labelledby="id-registered-title">
      <h2 id="id-registered-title">{t('register.idRegisteredTitle')}</h2>
      <p>
        {patient
          ? t('register.idRegisteredWho', { name: patient.name, village: patient.village ?? t('common.none') })
          : t('register.idRegisteredBody')}
      </p>
      <a className="button primary" href={hrefOf({ name: 'patient', id: patientId })} onClick={onOpen}>
        {t('register.openExisting')}
      </a>
    </section>
  );
}
