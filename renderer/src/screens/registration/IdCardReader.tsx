import { useEffect, useEffectEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IdCardPrefill, StationApi } from '../../../../contract/index.js';
import { deviceFeed } from '../../devices/device-feed-store.js';
import { DeviceStateTag } from '../../devices/DeviceStateTag.js';
import type { CardRead } from '../../devices/feed-state.js';
import { useDeviceFeed } from '../../devices/use-device-feed.js';
import { useDeviceWords } from '../../devices/use-device-words.js';
import { Failure } from '../../Failure.js';
import { useErrorMessage } from '../../use-error-message.js';
import { IdRegisteredNotice } from './IdRegisteredNotice.js';

type Outcome =
  | { readonly kind: 'none' }
  | { readonly kind: 'filled'; readonly prefill: IdCardPrefill }
  | { readonly kind: 'failed'; readonly message: string };

/**
 * "读身份证": the reader's state, and the form filled from a card. A card read while the form is
 * open fills it; pressing the button also takes a card that was already lying on the reader when
 * the form opened. The core checks the card's number and whether that person is registered.
 */
export function IdCardReader({
  station,
  onFilled,
  onOpenExisting,
}: {
  station: StationApi;
  onFilled: (prefill: IdCardPrefill) => void;
  /** The card's person is registered and the doctor opens that record. */
  onOpenExisting: () => void;
}) {
  const { t } = useTranslation();
  const words = useDeviceWords();
  const errorMessage = useErrorMessage();
  const feed = useDeviceFeed(station);
  // A card read before this form opened may be the previous patient's: it is not used unasked.
  const [before] = useState<CardRead | null>(() => deviceFeed.getSnapshot().card);
  const requested = useRef<CardRead | null>(before);
  const [waiting, setWaiting] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'none' });
  const readers = feed.devices.filter((d) => d.category === 'id-card');
  const reader = readers.find((d) => d.state !== 'disconnected') ?? readers[0] ?? null;

  const applyCard = (read: CardRead) => {
    requested.current = read;
    setWaiting(false);
    station.patients.prefillFromIdCard({ card: read.card }).then(
      (prefill) => {
        if (requested.current !== read) return;
        setOutcome({ kind: 'filled', prefill });
        onFilled(prefill);
      },
      (error: unknown) => {
        if (requested.current === read) setOutcome({ kind: 'failed', message: errorMessage(error) });
      },
    );
  };
  const onNewCard = useEffectEvent((read: CardRead) => applyCard(read));
  useEffect(() => {
    if (feed.card !== null && feed.card !== requested.current && feed.card !== before) onNewCard(feed.card);
  }, [feed.card, before]);

  const press = () => {
    setOutcome({ kind: 'none' });
    const onReader = feed.card !== null && reader?.key === feed.card.deviceKey && reader.reason === 'card_present';
    if (feed.card !== null && onReader) applyCard(feed.card);
    else setWaiting(true);
  };

  const prefill = outcome.kind === 'filled' ? outcome.prefill : null;
  return (
    <section className="form-section id-card" aria-labelledby="id-card-title" data-testid="id-card-reader">
      <div className="id-card-head">
        <h2 id="id-card-title" className="visually-hidden">
          {t('idCard.title')}
        </h2>
        <button type="button" className="primary" disabled={reader === null} onClick={press}>
          {t('idCard.read')}
        </button>
        {reader ? (
          <span>
            {words.name(reader)} <DeviceStateTag device={reader} />
          </span>
        ) : (
          <span className="muted">{feed.feed === null ? t('devices.connecting') : t('idCard.noReader')}</span>
        )}
      </div>
      {waiting && reader && (
        <p role="status" className="muted">
          {t('idCard.place')}
        </p>
      )}
      {prefill && (
        <p className="banner banner-success" role="status" data-testid="id-card-filled">
          {t('idCard.filled', { name: prefill.fields.name })}
        </p>
      )}
      {prefill?.nationalIdProblem && (
        <p className="banner banner-warning" role="alert" data-testid="id-card-problem">
          {t('idCard.numberProblem', { reason: t(`fieldErrors.national_id.${prefill.nationalIdProblem}`) })}
        </p>
      )}
      {prefill?.existingPatientId && (
        <IdRegisteredNotice station={station} patientId={prefill.existingPatientId} onOpen={onOpenExisting} />
      )}
      <Failure message={outcome.kind === 'failed' ? outcome.message : null} />
    </section>
  );
}
