import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { StationApi, Visit } from '../../../../contract/index.js';
import { useDraft } from '../../forms/draft-store.js';
import { fieldErrorsOf } from '../../forms/field-issues.js';
import { useIssueText } from '../../forms/use-issue-text.js';
import { useSubmission } from '../../forms/use-submission.js';
import { VitalInputs } from './VitalInputs.js';
import { emptyVitals, ENTERED_FIELDS, vitalsInputOf } from './vitals-draft.js';
import type { VitalsDraft } from './vitals-draft.js';
import { Failure } from '../../Failure.js';

/**
 * Vital signs typed by hand. A value outside physiological limits is refused next to its field
 * and nothing of the entry is saved; an abnormal but possible value is saved and flagged.
 */
export function VitalsEntry({
  station,
  visit,
  onSaved,
}: {
  station: StationApi;
  visit: Visit;
  onSaved: (observationIds: readonly string[]) => void;
}) {
  const { t } = useTranslation();
  const issueText = useIssueText();
  const [draft, setDraft, clearDraft] = useDraft<VitalsDraft>(`vitals.${visit.id}`, emptyVitals);
  const { errors, failure, busy, send, setErrors } = useSubmission('vitals');
  const update = (patch: Partial<VitalsDraft>) => setDraft((d) => ({ ...d, ...patch }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const typed = vitalsInputOf(draft);
    if (!typed.ok) return setErrors(fieldErrorsOf(typed.issues));
    send(
      () => station.visits.recordVitals({ visitId: visit.id, vitals: typed.input }),
      ({ observationIds }) => {
        clearDraft();
        onSaved(observationIds);
      },
    );
  };

  // An issue about the entry as a whole (nothing typed) has no field to sit next to.
  const general = Object.entries(errors).flatMap(([path, issues]) =>
    (ENTERED_FIELDS as readonly string[]).includes(path) || path === 'glucoseUnit' || path === 'glucoseContext'
      ? []
      : issues,
  );
  return (
    <form className="vitals-entry" onSubmit={submit} noValidate aria-labelledby="vitals-entry-title">
      <h3 id="vitals-entry-title">{t('visit.enterVitals')}</h3>
      <VitalInputs draft={draft} update={update} errors={errors} fields={ENTERED_FIELDS} />
      {general.length > 0 && (
        <p className="field-error" role="alert">
          {general.map(issueText).join(' ')}
        </p>
      )}
      <Failure message={failure} />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('common.saving') : t('visit.saveVitals')}
        </button>
      </div>
    </form>
  );
}
