import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StationApi } from '../../../../contract/index.js';
import { useSession } from '../../auth/use-session.js';
import { hrefOf } from '../../routes.js';
import { useConsultWords } from '../use-consult-words.js';
import { acknowledgeAll, isRinging, shownAlerts, withConsult, withOpenConsults, withoutAlerts } from './alert-state.js';
import type { CallAlert } from './alert-state.js';
import { callAlerts, useCallAlerts } from './alert-store.js';
import { startRinging } from './ring-tone.js';
import '../consults.css';

/**
 * Whose consults to listen for. The listener starts when a doctor is signed in and unlocked
 * (the core refuses it otherwise) and keeps running while the screen is locked, so a
 * specialist who calls while the doctor stepped away is still heard.
 */
function useListeningDoctor(station: StationApi): string | null {
  const session = useSession(station);
  const [listening, setListening] = useState<string | null>(null);
  const doctor = session?.state === 'active' || session?.state === 'locked' ? session.user.id : null;
  const wanted = doctor !== null && (session?.state === 'active' || listening === doctor) ? doctor : null;
  if (wanted !== listening) setListening(wanted);
  return wanted;
}

function AlertRow({ alert }: { alert: CallAlert }) {
  const { t } = useTranslation();
  const words = useConsultWords();
  const who = alert.specialist ?? t('consults.aSpecialist');
  return (
    <div
      className={`consult-alert-row urgency-${alert.urgency}`}
      data-testid="consult-alert"
      data-consult={alert.consultId}
    >
      <span className="consult-alert-text" data-testid="consult-alert-text">
        {t('consults.alert.ready', { name: who, specialty: words.specialty(alert.specialty) })}
      </span>
      <a
        className="button primary consult-join"
        href={hrefOf({ name: 'call', consultId: alert.consultId })}
        onClick={() => callAlerts.update(acknowledgeAll)}
        aria-label={t('consults.alert.joinLabel', { name: who })}
        data-testid="consult-alert-join"
      >
        {t('consults.join')}
      </a>
    </div>
  );
}

/**
 * Mounted once in the app frame: hears every consult change, rings and shows a banner on every
 * screen when a specialist is ready, until the doctor silences it or joins the call.
 */
export function ConsultAlert({ station }: { station: StationApi }) {
  const { t } = useTranslation();
  const doctor = useListeningDoctor(station);
  const state = useCallAlerts();
  const ringing = isRinging(state);

  useEffect(() => {
    if (doctor === null) return;
    let live = true;
    const unsubscribe = station.consults.changes({}, (c) => callAlerts.update((s) => withConsult(s, c)));
    station.consults.open({}).then(
      (open) => live && callAlerts.update((s) => withOpenConsults(s, open)),
      () => undefined,
    );
    return () => {
      live = false;
      unsubscribe();
      callAlerts.update(withoutAlerts);
    };
  }, [station, doctor]);

  useEffect(() => (ringing ? startRinging() : undefined), [ringing]);

  const shown = shownAlerts(state);
  if (shown.length === 0) return null;
  return (
    <section className="consult-alert" role="alert" aria-label={t('consults.alert.label')}>
      {shown.map((a) => (
        <AlertRow key={a.consultId} alert={a} />
      ))}
      {ringing && (
        <button
          type="button"
          className="secondary"
          onClick={() => callAlerts.update(acknowledgeAll)}
          data-testid="consult-alert-silence"
        >
          {t('consults.alert.silence')}
        </button>
      )}
    </section>
  );
}
