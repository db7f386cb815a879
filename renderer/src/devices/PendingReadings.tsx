import { useTranslation } from 'react-i18next';
import type { PendingReading, StationApi } from '../../../contract/index.js';
import { useFormatters } from '../../components/format.js';
import { InterpretationTag } from '../../components/vitals/InterpretationTag.js';
import { isReadingKind, vitalKeys } from '../../components/vitals/vital-kinds.js';
import { Failure } from '../Failure.js';
import { useIssueText } from '../forms/use-issue-text.js';
import { useSubmission } from '../forms/use-submission.js';
import { deviceFeed } from './device-feed-store.js';
import { displayOrder, isConfirmable, pendingUnit, pendingValueText, pressureParts } from './pending-view.js';

/** The contract takes at most this many readings per confirm or discard. */
const PER_CALL = 50;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += PER_CALL) out.push(items.slice(i, i + PER_CALL));
  return out;
}

function Flags({ reading }: { reading: PendingReading }) {
  const { t } = useTranslation();
  const issueText = useIssueText();
  if (reading.refusal) {
    const { code, min, max, unit } = reading.refusal;
    return (
      <span className="status-bad" data-testid="reading-refusal">
        {t('devices.pending.refused', {
          reason: issueText({ path: [], code, message: code, params: { min, max, unit } }),
        })}
      </span>
    );
  }
  const parts = pressureParts(reading);
  if (!parts) return <InterpretationTag code={reading.interpretation} />;
  return (
    <>
      <InterpretationTag code={parts.systolic.interpretation} of={t('vitals.kinds.systolic')} />{' '}
      <InterpretationTag code={parts.diastolic.interpretation} of={t('vitals.kinds.diastolic')} />
    </>
  );
}

/**
 * Readings the devices delivered, waiting for the doctor: value and unit exactly as sent, the
 * flag, the device and when it measured. She confirms them into the open visit (one by one, or
 * every new one at once) or lets them go. A value the record would refuse is shown with why,
 * and cannot be confirmed. Without an open visit they can only be looked at or let go.
 */
export function PendingReadings({
  station,
  visitId,
  readings,
  onConfirmed,
}: {
  station: StationApi;
  /** The open visit readings go into; null where there is none. */
  visitId: string | null;
  readings: readonly PendingReading[];
  onConfirmed?: (observationIds: readonly string[]) => void;
}) {
  const { t, i18n } = useTranslation();
  const format = useFormatters();
  const { failure, busy, send } = useSubmission();
  const ordered = displayOrder(readings);
  // "All" means the readings just measured: readings from a device's memory may be anyone's.
  const newOnes = ordered.filter((r) => !r.stored && isConfirmable(r));

  const gone = (e: { code: string }) => {
    if (e.code === 'reading_gone') void deviceFeed.resync().catch(() => undefined);
    return false;
  };
  const confirm = (chosen: readonly PendingReading[]) => {
    if (visitId === null || chosen.length === 0) return;
    const ids = chosen.map((r) => r.id);
    send(
      async () => {
        const stored: string[] = [];
        for (const part of chunks(ids)) {
          const { observationIds } = await station.devices.confirm({ visitId, readingIds: part });
          stored.push(...observationIds);
          deviceFeed.forget(part);
        }
        return stored;
      },
      (observationIds) => onConfirmed?.(observationIds),
      gone,
    );
  };
  const discard = (chosen: readonly PendingReading[]) => {
    const ids = chosen.map((r) => r.id);
    send(
      async () => {
        for (const part of chunks(ids)) {
          await station.devices.discard({ readingIds: part });
          deviceFeed.forget(part);
        }
      },
      () => undefined,
      gone,
    );
  };

  return (
    <section className="pending" aria-labelledby="pending-title">
      <div className="panel-head">
        <h3 id="pending-title">{t('devices.pending.title')}</h3>
        {visitId !== null && newOnes.length > 0 && (
          <button
            type="button"
            className="primary"
            disabled={busy}
            onClick={() => confirm(newOnes)}
            data-testid="confirm-all"
          >
            {t('devices.pending.confirmAll', { count: newOnes.length })}
          </button>
        )}
      </div>
      {visitId === null && <p className="muted">{t('devices.pending.openVisit')}</p>}
      <Failure message={failure} />
      {ordered.length === 0 ? (
        <p className="muted">{t('devices.pending.none')}</p>
      ) : (
        <table className="record-table pending-table" aria-labelledby="pending-title">
          <thead>
            <tr>
              <th scope="col">{t('visit.vitalKind')}</th>
              <th scope="col">{t('visit.value')}</th>
              <th scope="col">{t('visit.flag')}</th>
              <th scope="col">{t('devices.pending.device')}</th>
              <th scope="col">{t('devices.pending.measuredAt')}</th>
              <th scope="col">{t('visit.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {ordered.map((r) => {
              const label = isReadingKind(r.kind) ? t(vitalKeys.kind(r.kind)) : r.display;
              const value = `${pendingValueText(r, i18n.language)} ${pendingUnit(r)}`;
              const what = `${label} ${value}`;
              const meal = r.context?.['meal'];
              return (
                <tr
                  key={r.stored ? r.id : `${r.deviceKey}|${r.kind}`}
                  data-testid={`pending-${r.kind}`}
                  data-reading={r.id}
                  className={r.refusal ? 'refused' : undefined}
                >
                  <th scope="row">
                    {label}
                    {meal && i18n.exists(vitalKeys.glucoseContext(meal)) && (
                      <span className="muted"> ({t(vitalKeys.glucoseContext(meal))})</span>
                    )}
                  </th>
                  <td className="pending-value">{value}</td>
                  <td>
                    <Flags reading={r} />
                  </td>
                  <td>
                    {r.device}
                    {r.stored ? (
                      <span className="tag">{t('devices.pending.fromMemory')}</span>
                    ) : (
                      <span className="tag tag-live">{t('devices.pending.live')}</span>
                    )}
                  </td>
                  <td>
                    <time dateTime={r.measuredAt}>
                      {r.stored ? format.shortDateTime(r.measuredAt) : format.timeOfDay(r.measuredAt)}
                    </time>
                  </td>
                  <td className="row-actions">
                    {visitId !== null && isConfirmable(r) && (
                      <button
                        type="button"
                        className="primary"
                        disabled={busy}
                        aria-label={t('devices.pending.confirmWhat', { what })}
                        onClick={() => confirm([r])}
                      >
                        {t('devices.pending.confirm')}
                      </button>
                    )}
                    <button
                      type="button"
                      className="secondary"
                      disabled={busy}
                      aria-label={t('devices.pending.discardWhat', { what })}
                      onClick={() => discard([r])}
                    >
                      {t('devices.pending.discard')}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
