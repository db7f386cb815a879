import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { StationApi } from '../../../../contract/index.js';
import { useSubmission } from '../../forms/use-submission.js';
import { CorrectionTail } from './CorrectionTail.js';

/** Marks a reading or diagnosis as entered in error, with a reason; nothing is deleted. */
export function RetireForm({
  station,
  recordId,
  what,
  onDone,
  onCancel,
}: {
  station: StationApi;
  recordId: string;
  /** What is being retired, in words ("血压 165/95 mmHg"). */
  what: string;
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const correction = useSubmission('vitals');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    correction.send(() => station.visits.enteredInError({ recordId, reason }), onDone);
  };
  return (
    <form className="correction" onSubmit={submit} noValidate aria-label={t('corrections.retireTitle', { what })}>
      <p>{t('corrections.retireBody', { what })}</p>
      <CorrectionTail
        correction={correction}
        reason={reason}
        onReason={setReason}
        confirm={t('corrections.confirmRetire')}
        confirmClass="danger"
        onCancel={onCancel}
      />
    </form>
  );
}
