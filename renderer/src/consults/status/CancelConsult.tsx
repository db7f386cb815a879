import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConsultSummary, StationApi } from '../../../../contract/index.js';
import { Failure } from '../../Failure.js';
import { useErrorMessage } from '../../use-error-message.js';

/**
 * Withdraws a request nobody has answered. Two presses, because a touch screen is easily
 * brushed and a withdrawn request cannot be taken back.
 */
export function CancelConsult({
  station,
  consult,
  onCancelled,
}: {
  station: StationApi;
  consult: ConsultSummary;
  onCancelled: () => void;
}) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const cancel = () => {
    setBusy(true);
    setFailure(null);
    station.consults.cancel({ consultId: consult.consultId }).then(
      () => {
        setBusy(false);
        setAsking(false);
        onCancelled();
      },
      (error: unknown) => {
        setBusy(false);
        setFailure(errorMessage(error));
      },
    );
  };
  return (
    <div className="consult-cancel">
      {!asking ? (
        <button type="button" className="secondary" onClick={() => setAsking(true)} data-testid="consult-cancel">
          {t('consults.cancel.button')}
        </button>
      ) : (
        <div role="group" aria-label={t('consults.cancel.confirmLabel')}>
          <span>{t('consults.cancel.question')}</span>{' '}
          <button
            type="button"
            className="danger"
            disabled={busy}
            onClick={cancel}
            data-testid="consult-cancel-confirm"
          >
            {t('consults.cancel.confirm')}
          </button>{' '}
          <button type="button" className="secondary" disabled={busy} onClick={() => setAsking(false)}>
            {t('consults.cancel.keep')}
          </button>
        </div>
      )}
      <Failure message={failure} />
    </div>
  );
}
