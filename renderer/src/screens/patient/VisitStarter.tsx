import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PatientRecord, StationApi, VisitReason } from '../../../../contract/index.js';
import { VisitReason as VisitReasons } from '../../../../contract/records/visit.js';
import { CHRONIC_CONDITIONS } from '../../../../contract/records/chronic-conditions.js';
import { SelectField } from '../../forms/SelectField.js';
import { TextField } from '../../forms/TextField.js';
import { useSubmission } from '../../forms/use-submission.js';
import { hrefOf, navigate } from '../../routes.js';
import { Failure } from '../../Failure.js';

/** Opens a visit (reason and chief complaint), or leads back to the one still open. */
export function VisitStarter({ station, patient }: { station: StationApi; patient: PatientRecord }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState<VisitReason | ''>('illness');
  const [complaint, setComplaint] = useState('');
  const { errors, failure, busy, send } = useSubmission();
  const inProgramme = patient.chronicConditions.some(
    (c) => CHRONIC_CONDITIONS.find((k) => k.key === c.key)?.followUpProgram,
  );

  if (patient.openVisitId) {
    return (
      <section className="visit-starter" aria-labelledby="visit-start-title">
        <h2 id="visit-start-title">{t('patient.openVisitTitle')}</h2>
        <a className="button primary" href={hrefOf({ name: 'visit', id: patient.openVisitId })}>
          {t('patient.continueVisit')}
        </a>
      </section>
    );
  }

  const open = (chosen: VisitReason) => {
    send(
      () =>
        station.visits.open({
          patientId: patient.id,
          reason: chosen,
          ...(complaint.trim() ? { chiefComplaint: complaint } : {}),
        }),
      ({ id }) => navigate({ name: 'visit', id }),
      (e) => {
        // Another visit was opened meanwhile (another window, or before a lock): go to it.
        if (e.code !== 'visit_already_open' || !e.details?.recordId) return false;
        navigate({ name: 'visit', id: e.details.recordId });
        return true;
      },
    );
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (reason !== '') open(reason);
  };

  return (
    <form className="visit-starter" onSubmit={onSubmit} aria-labelledby="visit-start-title">
      <h2 id="visit-start-title">{t('patient.startVisitTitle')}</h2>
      <div className="form-grid">
        <SelectField<VisitReason>
          label={t('visit.reason')}
          value={reason}
          options={VisitReasons.options.map((r) => ({ value: r, label: t(`visitReasons.${r}`) }))}
          onChange={setReason}
          issues={errors['reason']}
        />
        <TextField
          label={t('visit.chiefComplaint')}
          value={complaint}
          onChange={setComplaint}
          issues={errors['chiefComplaint']}
          maxLength={500}
        />
      </div>
      <Failure message={failure} />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy || reason === ''}>
          {t('patient.startVisit')}
        </button>
        {inProgramme && (
          <button type="button" className="secondary" disabled={busy} onClick={() => open('chronic_follow_up')}>
            {t('patient.startFollowUp')}
          </button>
        )}
      </div>
    </form>
  );
}
