import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConsultNote } from '../../../../contract/consults/consult.js';
import type { ConsultDetail } from '../../../server/consults/console-wire.js';
import { useLoad } from '../../../../renderer/components/use-load.js';
import { AdminApiError } from '../api/http.js';
import { useConsoleClient, useHubMessages, useSocketStatus } from '../api/console-context.js';
import { useAction } from '../api/use-action.js';
import { useErrorText } from '../api/use-error-text.js';
import { CallPanel } from '../call/CallPanel.js';
import { useCall } from '../call/use-call.js';
import { hrefOf } from '../routes.js';
import { DevicePanel } from '../settings/DevicePanel.js';
import { ConsultHeader } from './ConsultHeader.js';
import { NoteForm } from './NoteForm.js';
import { PatientSummaryPanel } from './PatientSummaryPanel.js';

const CALLABLE = new Set(['accepted', 'calling', 'in_call']);

function AnsweredNote({ note }: { note: ConsultNote }) {
  const { t } = useTranslation();
  return (
    <section className="note-sent" aria-labelledby="note-sent-title" data-testid="note-sent">
      <h2 id="note-sent-title">{t('note.sentTitle')}</h2>
      <dl className="facts">
        <dt>{t('note.assessment')}</dt>
        <dd>{note.assessment}</dd>
        <dt>{t('note.advice')}</dt>
        <dd>{note.advice}</dd>
        <dt>{t('note.followUp')}</dt>
        <dd>{note.followUp || '—'}</dd>
      </dl>
    </section>
  );
}

/** One consult: the request and the patient, then accept, call, live vitals and the note. */
export function ConsultPage({ consultId }: { consultId: string }) {
  const { t } = useTranslation();
  const client = useConsoleClient();
  const errorText = useErrorText();
  const [loaded, reload] = useLoad(useCallback(() => client.consult(consultId), [client, consultId]));
  // What an action returned is shown until a reload brings a newer load than the one it followed.
  const [fresh, setFresh] = useState<{ detail: ConsultDetail; after: unknown } | null>(null);
  const accept = useAction();
  const calling = useAction();
  const sending = useAction();
  const [taken, setTaken] = useState(false);
  const [checking, setChecking] = useState(false);
  const { controller, view } = useCall(consultId);

  useSocketStatus(reload);
  useHubMessages((message) => {
    if (message.t === 'consult' && message.consultId === consultId) reload();
  });

  if (loaded.state === 'loading') return <p>{t('common.loading')}</p>;
  if (loaded.state === 'failed') {
    return (
      <section className="panel">
        <p className="banner banner-error" role="alert">
          {errorText(loaded.error)}
        </p>
        <a href={hrefOf({ page: 'queue' })}>{t('consult.backToQueue')}</a>
      </section>
    );
  }
  const detail = fresh !== null && fresh.after === loaded.value ? fresh.detail : loaded.value;
  const show = (next: ConsultDetail) => setFresh({ detail: next, after: loaded.value });
  const inCall = view.phase === 'active' || view.phase === 'starting';
  const canAccept = detail.state === 'waiting' && !detail.mine;
  const canCall = detail.mine && CALLABLE.has(detail.state);

  const onAccept = () => {
    setTaken(false);
    accept.run(
      () =>
        client.accept(consultId).catch((error: unknown) => {
          // Someone else was quicker: say so plainly and show who, instead of an error code.
          if (error instanceof AdminApiError && error.code === 'already_taken') {
            setTaken(true);
            reload();
          }
          throw error;
        }),
      show,
    );
  };
  const onCall = () => calling.run(() => controller.start(), show);
  const onSend = (note: ConsultNote) =>
    sending.run(async () => {
      // The note first: if it cannot be sent, the call is still there to sort it out.
      const answered = await client.sendNote(consultId, note);
      controller.hangUp();
      return answered;
    }, show);

  return (
    <section className="panel consult" data-testid="consult-page" data-consult-id={consultId} data-state={detail.state}>
      <a className="back" href={hrefOf({ page: 'queue' })}>
        {t('consult.backToQueue')}
      </a>
      <h1>{t('consult.title')}</h1>
      <ConsultHeader detail={detail} />
      <div className="actions consult-actions">
        {canAccept && (
          <button type="button" className="button-primary" disabled={accept.busy} onClick={onAccept}>
            {accept.busy ? t('consult.accepting') : t('consult.accept')}
          </button>
        )}
        {canCall && !inCall && (
          <button type="button" className="button-primary" disabled={calling.busy} onClick={onCall}>
            {detail.state === 'accepted' ? t('consult.call') : t('consult.callAgain')}
          </button>
        )}
      </div>
      {taken ? (
        <p className="banner banner-warning" role="alert" data-testid="already-taken">
          {detail.acceptedBy && !detail.mine
            ? t('consult.alreadyTakenBy', { name: detail.acceptedBy.name })
            : t('consult.alreadyTaken')}
        </p>
      ) : (
        accept.error && (
          <p className="banner banner-error" role="alert">
            {accept.error}
          </p>
        )
      )}
      {calling.error && (
        <p className="banner banner-error" role="alert">
          {calling.error}
        </p>
      )}
      {view.phase !== 'idle' && <CallPanel controller={controller} view={view} onHangUp={() => controller.hangUp()} />}
      {canCall && !inCall && (
        // Only while open: the check turns the camera on.
        <details className="device-check" onToggle={(e) => setChecking(e.currentTarget.open)}>
          <summary>{t('devices.check')}</summary>
          {checking && <DevicePanel />}
        </details>
      )}
      {detail.note && <AnsweredNote note={detail.note} />}
      {detail.mine && CALLABLE.has(detail.state) && (
        <NoteForm inCall={inCall} busy={sending.busy} error={sending.error} onSend={onSend} />
      )}
      <PatientSummaryPanel summary={detail.summary} />
    </section>
  );
}
