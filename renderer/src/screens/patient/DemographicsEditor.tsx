import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PatientRecord, StationApi } from '../../../../contract/index.js';
import { maskNationalId } from '../../../../contract/records/national-id.js';
import { fieldErrorsOf, hasErrors } from '../../forms/field-issues.js';
import { useSubmission } from '../../forms/use-submission.js';
import { Failure } from '../../Failure.js';
import { ContactFields } from '../registration/ContactFields.js';
import { EmergencyContactFields } from '../registration/EmergencyContactFields.js';
import { IdentityFieldset } from '../registration/IdentityFieldset.js';
import type { RegistrationDraft } from '../registration/registration-draft.js';
import { changesFrom, checkChanges, draftFromPatient, rebaseDraft } from './demographics-draft.js';

interface EditorProps {
  station: StationApi;
  patient: PatientRecord;
  /** The record changed (saved here, or found newer): reload the page. */
  onChanged: () => void;
}

/** "Edit details": a button that opens the demographics form on the patient page. */
export function DemographicsEditor(props: EditorProps) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  if (!open)
    return (
      <button type="button" className="secondary" data-testid="edit-demographics" onClick={() => setOpen(true)}>
        {t('demographics.edit')}
      </button>
    );
  return <DemographicsForm {...props} onClose={() => setOpen(false)} />;
}

/** The form: the fields as recorded, saved as one new version with only what changed. */
function DemographicsForm({ station, patient, onChanged, onClose }: EditorProps & { onClose: () => void }) {
  const { t } = useTranslation();
  const [base, setBase] = useState(() => ({ version: patient.version, draft: draftFromPatient(patient) }));
  const [draft, setDraft] = useState<RegistrationDraft>(base.draft);
  // Reloaded onto a newer version: keep what she typed, take everything else from the record.
  if (patient.version !== base.version) {
    const newer = draftFromPatient(patient);
    setBase({ version: patient.version, draft: newer });
    setDraft((d) => rebaseDraft(d, base.draft, newer));
  }
  const original = base.draft;
  const [hold, setHold] = useState<'none' | 'mismatch' | 'stale' | 'unchanged'>('none');
  const { errors, failure, busy, send, setErrors } = useSubmission('changes');
  const update = (patch: Partial<RegistrationDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const idLocked = original.nationalId !== '';

  const save = (acceptIdMismatch: boolean) => {
    const changes = changesFrom(original, draft);
    const issues = checkChanges(changes);
    setHold('none');
    setErrors(fieldErrorsOf(issues));
    if (issues.length > 0) return;
    if (Object.keys(changes).length === 0) return setHold('unchanged');
    send(
      () =>
        station.patients.updateDemographics({
          patientId: patient.id,
          expectedVersion: base.version,
          changes,
          ...(acceptIdMismatch ? { acceptIdMismatch: true } : {}),
        }),
      () => {
        onClose();
        onChanged();
      },
      (e) => {
        if (e.code === 'stale_version') setHold('stale');
        if (e.details?.issues?.some((i) => i.code.startsWith('national_id.mismatch_'))) setHold('mismatch');
        return false;
      },
    );
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    save(false);
  };

  return (
    <form
      className="register-form"
      onSubmit={onSubmit}
      noValidate
      aria-busy={busy}
      aria-labelledby="demographics-title"
    >
      <h2 id="demographics-title">{t('demographics.title')}</h2>
      <IdentityFieldset
        draft={draft}
        update={update}
        issues={errors}
        // A recorded ID is shown as the header shows it: masked, since it cannot be changed here.
        lockedNationalId={idLocked ? maskNationalId(original.nationalId) : undefined}
        hints={{ nationalId: idLocked ? t('demographics.nationalIdLocked') : t('register.nationalIdHint') }}
      />
      <ContactFields draft={draft} update={update} errors={errors} />
      <EmergencyContactFields draft={draft} update={update} errors={errors} />

      {hasErrors(errors) && hold !== 'mismatch' && (
        <p className="banner banner-error" role="alert">
          {t('register.fixFields')}
        </p>
      )}
      {hold === 'mismatch' && (
        <section className="banner banner-warning hold" role="alert" aria-labelledby="demographics-mismatch">
          <h3 id="demographics-mismatch">{t('register.mismatchTitle')}</h3>
          <p>{t('demographics.mismatchBody')}</p>
          <button type="button" className="primary" disabled={busy} onClick={() => save(true)}>
            {t('demographics.keepTyped')}
          </button>
        </section>
      )}
      {hold === 'unchanged' && (
        <p className="banner banner-warning" role="status">
          {t('demographics.nothingChanged')}
        </p>
      )}
      <Failure message={failure} />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('common.saving') : t('demographics.save')}
        </button>
        {hold === 'stale' && (
          <button type="button" className="secondary" onClick={onChanged}>
            {t('demographics.reload')}
          </button>
        )}
        <button type="button" className="secondary" disabled={busy} onClick={onClose}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
