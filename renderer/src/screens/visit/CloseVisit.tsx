import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StationApi, Visit } from '../../../../contract/index.js';
import { useSubmission } from '../../forms/use-submission.js';
import type { NotesDraft } from './VisitNotes.js';
import { Failure } from '../../Failure.js';

/**
 * Closing is explicit and confirmed. Unsaved notes are saved first, so closing never loses what
 * is on the screen; after closing, the visit takes corrections only.
 */
export function CloseVisit({
  station,
  visit,
  unsavedNotes,
  onClosed,
}: {
  station: StationApi;
  visit: Visit;
  unsavedNotes: NotesDraft | null;
  onClosed: () => void;
}) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const { failure, busy, send } = useSubmission();
  const close = async () => {
    if (unsavedNotes) await station.visits.saveNotes({ visitId: visit.id, ...unsavedNotes });
    await station.visits.close({ id: visit.id });
  };
  const confirm = () => {
    send(close, () => {
      setConfirming(false);
      onClosed();
    });
  };
  if (!confirming) {
    return (
      <button type="button" className="primary" onClick={() => setConfirming(true)}>
        {t('visit.close')}
      </button>
    );
  }
  return (
    <div className="confirm" role="alertdialog" aria-labelledby="close-title" aria-describedby="close-body">
      <h3 id="close-title">{t('visit.closeConfirmTitle')}</h3>
      <p id="close-body">
        {t('visit.closeConfirmBody')}
        {unsavedNotes && ` ${t('visit.closeSavesNotes')}`}
      </p>
      <Failure message={failure} />
      <div className="form-actions">
        <button type="button" className="primary" disabled={busy} onClick={confirm}>
          {t('visit.closeConfirm')}
        </button>
        <button type="button" className="secondary" disabled={busy} onClick={() => setConfirming(false)}>
          {t('common.cancel')}
        </button>
      </div>
    </div>
  );
}
