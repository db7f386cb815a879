import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConsultSummary, StationApi } from '../../../../contract/index.js';
import { useLoad } from '../../../components/use-load.js';
import { WhenLoaded } from '../../Failure.js';
import { hrefOf } from '../../routes.js';
import { canJoin } from '../consult-words.js';
import { useConsultWords } from '../use-consult-words.js';
import { useReloadOnConsultChange } from '../use-consults.js';
import { CallRoom } from './CallRoom.js';
import '../consults.css';

/**
 * `#/consults/<id>/call`: the consult's video call. The call starts only while the specialist
 * is ready for it (or it is going on); otherwise the page says where the consult stands and
 * joins by itself once the specialist calls.
 */
export function CallScreen({ station, consultId }: { station: StationApi; consultId: string }) {
  const { t } = useTranslation();
  const words = useConsultWords();
  const load = useCallback(() => station.consults.get({ consultId }), [station, consultId]);
  const concerns = useCallback((c: ConsultSummary) => c.consultId === consultId, [consultId]);
  const [page, reload] = useLoad(load);
  useReloadOnConsultChange(station, concerns, reload);
  // Once in the call, the room stays until the doctor leaves, so it can say how the call ended.
  const [entered, setEntered] = useState(false);
  if (!entered && page.state === 'ready' && canJoin(page.value.state)) setEntered(true);
  return (
    <section className="panel wide call-screen" aria-labelledby="call-title" data-testid="call-screen">
      <WhenLoaded page={page}>
        {(consult) => (
          <>
            <h1 id="call-title">
              {t('consults.call.title', {
                name: consult.specialist?.name ?? t('consults.aSpecialist'),
                specialty: words.specialty(consult.specialty),
              })}
            </h1>
            {entered || canJoin(consult.state) ? (
              <CallRoom key={consult.consultId} station={station} consult={consult} />
            ) : (
              <>
                <p className="banner banner-info" data-testid="call-not-ready">
                  {t('consults.call.notReady', { state: words.state(consult) })}
                </p>
                <a className="button" href={hrefOf({ name: 'visit', id: consult.visitId })} data-testid="call-back">
                  {t('consults.call.back')}
                </a>
              </>
            )}
          </>
        )}
      </WhenLoaded>
    </section>
  );
}
