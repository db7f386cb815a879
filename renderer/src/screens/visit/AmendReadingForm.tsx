import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { GlucoseContext, GlucoseUnit } from '../../../../contract/records/vitals.js';
import type { StationApi, VitalReading } from '../../../../contract/index.js';
import { fieldErrorsOf } from '../../forms/field-issues.js';
import { useIssueText } from '../../forms/use-issue-text.js';
import { useSubmission } from '../../forms/use-submission.js';
import { CorrectionTail } from './CorrectionTail.js';
import { VitalInputs } from './VitalInputs.js';
import { emptyVitals, vitalsInputOf } from './vitals-draft.js';
import type { EnteredField, VitalsDraft } from './vitals-draft.js';

/** Which form fields re-measure a stored reading. BMI is derived, so it is not amended directly. */
export const AMEND_FIELDS: Readonly<Record<string, readonly EnteredField[]>> = {
  bloodPressure: ['systolic', 'diastolic'],
  heartRate: ['heartRate'],
  spo2: ['spo2'],
  temperature: ['temperature'],
  respiratoryRate: ['respiratoryRate'],
  glucose: ['glucose'],
  weight: ['weight'],
  height: ['height'],
};

function draftOf(reading: VitalReading, fields: readonly EnteredField[]): VitalsDraft {
  const [first, second] = fields;
  const unit = GlucoseUnit.safeParse(reading.unit);
  const context = GlucoseContext.safeParse(reading.context);
  return {
    ...emptyVitals(),
    ...(first ? { [first]: String(reading.value) } : {}),
    ...(second && reading.value2 !== null ? { [second]: String(reading.value2) } : {}),
    ...(unit.success ? { glucoseUnit: unit.data } : {}),
    ...(context.success ? { glucoseContext: context.data } : {}),
  };
}

/** A mistyped reading, corrected: the new value and a reason; the old value stays on record. */
export function AmendReadingForm({
  station,
  reading,
  what,
  onDone,
  onCancel,
}: {
  station: StationApi;
  reading: VitalReading;
  what: string;
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const issueText = useIssueText();
  const fields = AMEND_FIELDS[reading.kind] ?? [];
  const [draft, setDraft] = useState<VitalsDraft>(() => draftOf(reading, fields));
  const [reason, setReason] = useState('');
  const correction = useSubmission('vitals');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const typed = vitalsInputOf(draft, fields);
    if (!typed.ok) return correction.setErrors(fieldErrorsOf(typed.issues));
    correction.send(
      () => station.visits.amendVital({ observationId: reading.id, vitals: typed.input, reason }),
      onDone,
    );
  };
  const general = correction.errors[''] ?? [];
  return (
    <form className="correction" onSubmit={submit} noValidate aria-label={t('corrections.amendTitle', { what })}>
      <p>{t('corrections.amendBody', { what })}</p>
      <VitalInputs
        draft={draft}
        update={(patch) => setDraft((d) => ({ ...d, ...patch }))}
        errors={correction.errors}
        fields={fields}
      />
      {general.length > 0 && (
        <p className="field-error" role="alert">
          {general.map(issueText).join(' ')}
        </p>
      )}
      <CorrectionTail
        correction={correction}
        reason={reason}
        onReason={setReason}
        confirm={t('corrections.confirmAmend')}
        confirmClass="primary"
        onCancel={onCancel}
      />
    </form>
  );
}
