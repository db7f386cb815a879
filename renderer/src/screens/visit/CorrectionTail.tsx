import { useTranslation } from 'react-i18next';
import { TextField } from '../../forms/TextField.js';
import type { Submission } from '../../forms/use-submission.js';
import { Failure } from '../../Failure.js';

/** What every correction ends with: the reason (required), any failure, confirm and cancel. */
export function CorrectionTail({
  correction,
  reason,
  onReason,
  confirm,
  confirmClass,
  onCancel,
}: {
  correction: Submission;
  reason: string;
  onReason: (reason: string) => void;
  confirm: string;
  confirmClass: 'primary' | 'danger';
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  return (
    <>
      <TextField
        label={t('corrections.reason')}
        value={reason}
        onChange={onReason}
        issues={correction.errors['reason']}
        required
        maxLength={200}
      />
      <Failure message={correction.failure} />
      <div className="form-actions">
        <button type="submit" className={confirmClass} disabled={correction.busy}>
          {confirm}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </>
  );
}
