import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PatientRecord, StationApi, Visit } from '../../../contract/index.js';
import { WhenLoaded } from '../Failure.js';
import { ConsultRequestForm } from './request/ConsultRequestForm.js';
import { ConsultList } from './status/ConsultList.js';
import { usePatientConsults } from './use-consults.js';
import './consults.css';

/**
 * The visit page's consults: the ones asked from this visit, where each stands, and (while the
 * visit is open) the form to ask for another.
 */
export function VisitConsults({
  station,
  visit,
  patient,
}: {
  station: StationApi;
  visit: Visit;
  patient: PatientRecord;
}) {
  const { t } = useTranslation();
  const [list, reload] = usePatientConsults(station, patient.id);
  const [asking, setAsking] = useState(false);
  const [sent, setSent] = useState(false);
  const open = visit.status === 'in-progress';
  return (
    <section className="panel wide" aria-labelledby="visit-consults-title" data-testid="visit-consults">
      <div className="panel-head">
        <h2 id="visit-consults-title">{t('consults.title')}</h2>
        {open && !asking && (
          <button
            type="button"
            className="primary"
            onClick={() => {
              setAsking(true);
              setSent(false);
            }}
            data-testid="consult-request-open"
          >
            {t('consults.request.open')}
          </button>
        )}
      </div>
      {sent && (
        <p className="banner banner-success" role="status" data-testid="consult-requested">
          {t('consults.request.sent')}
        </p>
      )}
      {open && asking && (
        <>
          <ConsultRequestForm
            station={station}
            visit={visit}
            patient={patient}
            onRequested={() => {
              setAsking(false);
              setSent(true);
              reload();
            }}
          />
          <button type="button" className="secondary" onClick={() => setAsking(false)}>
            {t('common.cancel')}
          </button>
        </>
      )}
      <WhenLoaded page={list}>
        {(consults) => (
          <ConsultList
            station={station}
            consults={consults.filter((c) => c.visitId === visit.id)}
            onChanged={reload}
            empty={t('consults.noneForVisit')}
          />
        )}
      </WhenLoaded>
    </section>
  );
}
