import { useTranslation } from 'react-i18next';
import { useConsoleClient, useMe } from '../api/console-context.js';
import { useAction } from '../api/use-action.js';

/** Available or busy: the hub rings only an available specialist. */
export function AvailabilitySwitch() {
  const { t } = useTranslation();
  const client = useConsoleClient();
  const { me, setMe } = useMe();
  const { busy, error, run } = useAction();
  const available = me.specialist?.available ?? false;
  return (
    <div className="availability">
      <button
        type="button"
        role="switch"
        aria-checked={available}
        aria-label={t('queue.availableLabel')}
        className={available ? 'switch switch-on' : 'switch'}
        disabled={busy}
        data-testid="availability"
        onClick={() => run(() => client.setAvailability(!available), setMe)}
      >
        <span className="switch-knob" aria-hidden="true" />
        {available ? t('queue.available') : t('queue.busy')}
      </button>
      {error && (
        <p className="banner banner-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
