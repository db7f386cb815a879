import { useCallback, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { QUESTION_MAX, Specialty, Urgency } from '../../../../contract/index.js';
import type { ConsultSummary, PatientRecord, StationApi, Visit } from '../../../../contract/index.js';
import { useLoad } from '../../../components/use-load.js';
import { Failure } from '../../Failure.js';
import { ChoiceGroup } from '../../forms/ChoiceGroup.js';
import { fieldErrorsOf, unplacedIssues } from '../../forms/field-issues.js';
import { TextField } from '../../forms/TextField.js';
import { useIssueText } from '../../forms/use-issue-text.js';
import { useSubmission } from '../../forms/use-submission.js';
import { latestReadings } from '../../screens/patient/latest-readings.js';
import { useConsultWords } from '../use-consult-words.js';
import { attachedVitals, ecgStrips, proposedStrip } from './attachments.js';
import { AttachmentFields } from './AttachmentFields.js';
import { PhotoFields } from './PhotoFields.js';
import { emptyRequest, requestInputOf } from './request-draft.js';
import type { RequestDraft } from './request-draft.js';

/** Fields shown beside their own input; any other problem is listed above the button. */
const PLACED = new Set(['specialty', 'urgency', 'question', 'attachVitals', 'ecgObservationId']);

function ConsentWarning({ patient }: { patient: PatientRecord }) {
  const { t } = useTranslation();
  if (patient.consent?.telemedicine === true) return null;
  return (
    <p className="banner banner-warning" data-testid="consult-consent-warning">
      {patient.consent === null ? t('consults.request.noConsent') : t('consults.request.consentRefused')}
    </p>
  );
}

/**
 * Asks the cloud hospital for a specialist from an open visit. Checked here first, so a bad
 * form sends nothing; the core checks again and its refusals land on their fields.
 */
export function ConsultRequestForm({
  station,
  visit,
  patient,
  onRequested,
}: {
  station: StationApi;
  visit: Visit;
  patient: PatientRecord;
  onRequested: (consult: ConsultSummary) => void;
}) {
  const { t } = useTranslation();
  const words = useConsultWords();
  const issueText = useIssueText();
  // What goes is the patient's newest valid reading of each kind (as the core picks them). This
  // visit's readings come from the page, which reloads after every save, so the list follows.
  const readings = visit.vitals;
  const loadAttachable = useCallback(async () => {
    const timeline = await station.patients.timeline({ id: patient.id, limit: 2000 });
    const earlier = (await latestReadings(station, timeline)).filter((r) => r.visitId !== visit.id);
    return { strips: ecgStrips(timeline), vitals: attachedVitals([...earlier, ...readings]) };
  }, [station, patient.id, visit.id, readings]);
  const [attachable] = useLoad(loadAttachable);
  const strips = attachable.state === 'ready' ? attachable.value.strips : attachable.state === 'failed' ? [] : null;
  const vitals = attachable.state === 'ready' ? attachable.value.vitals : attachable.state;
  // The proposed strip is set once the strips are known, unless the doctor chose already.
  const [draft, setDraft] = useState<RequestDraft | null>(null);
  const current = draft ?? emptyRequest(strips ? proposedStrip(strips, visit.id) : null);
  const { errors, failure, busy, send, setErrors } = useSubmission();
  const edit = (patch: Partial<RequestDraft>) => setDraft({ ...current, ...patch });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const checked = requestInputOf(current, visit.id);
    if (!checked.ok) return setErrors(fieldErrorsOf(checked.issues));
    send(
      () => station.consults.request(checked.input),
      (consult) => {
        setDraft(emptyRequest(null));
        onRequested(consult);
      },
    );
  };
  const others = unplacedIssues(errors, (path) => PLACED.has(path));
  const trimmedLength = current.question.trim().length;

  return (
    <form className="consult-form" onSubmit={submit} noValidate aria-busy={busy} data-testid="consult-request-form">
      <ConsentWarning patient={patient} />
      <ChoiceGroup
        legend={t('consults.request.specialty')}
        required
        value={current.specialty}
        options={Specialty.options.map((s) => ({ value: s, label: words.specialty(s) }))}
        onChange={(specialty) => edit({ specialty })}
        issues={errors['specialty']}
      />
      <div className={`urgency-choices chosen-${current.urgency}`} data-testid="consult-urgency-choices">
        <ChoiceGroup
          legend={t('consults.request.urgency')}
          required
          value={current.urgency}
          options={Urgency.options.map((u) => ({ value: u, label: words.urgency(u) }))}
          onChange={(urgency) => edit({ urgency })}
          issues={errors['urgency']}
          hint={current.urgency === 'emergency' ? t('consults.request.emergencyHint') : undefined}
        />
      </div>
      <TextField
        label={t('consults.request.question')}
        required
        multiline
        maxLength={QUESTION_MAX}
        value={current.question}
        onChange={(question) => edit({ question })}
        issues={errors['question']}
        hint={
          <span
            data-testid="consult-question-count"
            className={trimmedLength > QUESTION_MAX ? 'status-bad' : undefined}
          >
            {t('consults.request.counter', { count: trimmedLength, max: QUESTION_MAX })}
          </span>
        }
      />
      <AttachmentFields
        visitId={visit.id}
        vitals={vitals}
        strips={strips}
        attachVitals={current.attachVitals}
        ecgObservationId={current.ecgObservationId}
        onChange={edit}
        issues={{ vitals: errors['attachVitals'], ecg: errors['ecgObservationId'] }}
      />
      <PhotoFields
        station={station}
        visitId={visit.id}
        photos={current.photos}
        onChange={(photos) => edit({ photos })}
      />
      {others.length > 0 && (
        <ul className="banner banner-error" role="alert">
          {others.map((issue, i) => (
            <li key={i}>{issueText(issue)}</li>
          ))}
        </ul>
      )}
      <Failure message={failure} />
      <div className="form-actions">
        <button
          type="submit"
          className={current.urgency === 'emergency' ? 'danger' : 'primary'}
          disabled={busy}
          data-testid="consult-request-submit"
        >
          {busy ? t('consults.request.sending') : t('consults.request.send')}
        </button>
      </div>
    </form>
  );
}
