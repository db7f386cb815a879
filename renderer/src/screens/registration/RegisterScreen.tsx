import { useEffect, useRef } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { StationApi } from '../../../../contract/index.js';
import { useDraft } from '../../forms/draft-store.js';
import { unplacedIssues } from '../../forms/field-issues.js';
import { useIssueText } from '../../forms/use-issue-text.js';
import { hrefOf, navigate } from '../../routes.js';
import { AllergyRows } from './AllergyRows.js';
import { ChronicConditionChoices } from './ChronicConditionChoices.js';
import { ConsentChoices } from './ConsentChoices.js';
import { ContactFields } from './ContactFields.js';
import { DuplicateCandidates } from './DuplicateCandidates.js';
import { EmergencyContactFields } from './EmergencyContactFields.js';
import { IdentityFields } from './IdentityFields.js';
import { IdMismatchConfirm } from './IdMismatchConfirm.js';
import { IdRegisteredNotice } from './IdRegisteredNotice.js';
import { checkNationalId } from './national-id-check.js';
import { IdCardReader } from './IdCardReader.js';
import { draftFromCard, emptyDraft } from './registration-draft.js';
import type { RegistrationDraft } from './registration-draft.js';
import { useRegistration } from './use-registration.js';

/** Field paths the form shows next to a field; any other issue is listed above the buttons. */
const PLACED =
  /^(name|sex|birthDate|nationalId|phone|village|address|insuranceNumber|chronicConditions(\.\d+)?|allergies\.\d+\.(substance|reaction|severity)|emergencyContact\.(name|relationship|phone))$/;

/** Registering a new patient; refusals keep everything typed. */
export function RegisterScreen({ station }: { station: StationApi }) {
  const { t } = useTranslation();
  const issueText = useIssueText();
  const [draft, setDraft, clearDraft] = useDraft<RegistrationDraft>('registration', emptyDraft);
  const registration = useRegistration(station, (id) => {
    clearDraft();
    navigate({ name: 'patient', id });
  });
  const update = (patch: Partial<RegistrationDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const check = checkNationalId(draft);
  const { errors, hold, busy } = registration;
  const others = unplacedIssues(errors, (path) => PLACED.test(path));
  const form = useRef<HTMLFormElement>(null);
  // A long form: after a refusal, the first field to fix is brought into view and focused.
  useEffect(() => {
    form.current
      ?.querySelector<HTMLElement>(
        ':is(input, select, textarea)[aria-invalid="true"], fieldset[aria-invalid="true"] input',
      )
      ?.focus();
  }, [errors]);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    registration.submit(draft);
  };

  return (
    <section className="panel wide">
      <div className="panel-head">
        <h1>{t('register.title')}</h1>
        <a className="button" href={hrefOf({ name: 'intake' })}>
          {t('register.backToSearch')}
        </a>
      </div>
      <form ref={form} className="register-form" onSubmit={onSubmit} noValidate aria-busy={busy}>
        <IdCardReader
          station={station}
          onFilled={(prefill) => {
            setDraft((d) => draftFromCard(d, prefill.fields));
            registration.reset();
          }}
          onOpenExisting={clearDraft}
        />
        <IdentityFields draft={draft} update={update} errors={errors} check={check} />
        <ContactFields draft={draft} update={update} errors={errors} />
        <AllergyRows rows={draft.allergies} onChange={(allergies) => update({ allergies })} errors={errors} />
        <ChronicConditionChoices
          value={draft.chronicConditions}
          onChange={(chronicConditions) => update({ chronicConditions })}
          issues={errors['chronicConditions']}
        />
        <EmergencyContactFields draft={draft} update={update} errors={errors} />
        <ConsentChoices draft={draft} update={update} />

        {others.length > 0 && (
          <ul className="banner banner-error" role="alert">
            {others.map((issue, i) => (
              <li key={i}>{issueText(issue)}</li>
            ))}
          </ul>
        )}
        {Object.keys(errors).length > 0 && others.length === 0 && hold.kind === 'none' && (
          <p className="banner banner-error" role="alert">
            {t('register.fixFields')}
          </p>
        )}
        {hold.kind === 'duplicates' && (
          <DuplicateCandidates
            candidates={hold.candidates}
            busy={busy}
            onDifferentPerson={() => registration.notTheSamePerson(draft, hold.candidates)}
            onOpen={clearDraft}
          />
        )}
        {hold.kind === 'id_registered' && (
          <IdRegisteredNotice station={station} patientId={hold.patientId} onOpen={clearDraft} />
        )}
        {hold.kind === 'id_mismatch' && (
          <IdMismatchConfirm busy={busy} onKeep={() => registration.keepTypedValues(draft)} />
        )}
        {hold.kind === 'error' && (
          <p className="banner banner-error" role="alert">
            {hold.message}
          </p>
        )}

        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? t('common.saving') : t('register.submit')}
          </button>
          <button
            type="button"
            className="secondary"
            disabled={busy}
            onClick={() => {
              clearDraft();
              registration.reset();
            }}
          >
            {t('register.clear')}
          </button>
        </div>
      </form>
    </section>
  );
}
