import { useTranslation } from 'react-i18next';
import type { RejectedRecord } from '../../../contract/index.js';
import { useFormatters } from '../../components/format.js';
import { hrefOf } from '../routes.js';
import { useSyncWords } from './use-sync-words.js';

function RejectedRow({ record }: { record: RejectedRecord }) {
  const { t } = useTranslation();
  const words = useSyncWords();
  const format = useFormatters();
  return (
    <tr data-testid="rejected-record" data-reason={record.reason} data-record-id={record.recordId}>
      <th scope="row">
        <a className="sync-patient" href={hrefOf({ name: 'patient', id: record.patientId })}>
          {record.patientName ?? t('sync.unknownPatient')}
        </a>
      </th>
      <td>
        {words.recordType(record.type)}
        <div className="muted">{t('sync.versionOf', { version: record.version, lane: words.lane(record.lane) })}</div>
      </td>
      <td>{format.shortDateTime(record.recordedAt)}</td>
      <td>
        <span className="sync-reason">{words.reason(record.reason)}</span>
        {record.detail && <div className="muted">{record.detail}</div>}
        <div className="muted">{t('sync.rejectedAt', { when: format.shortDateTime(record.rejectedAt) })}</div>
      </td>
    </tr>
  );
}

/** Records the hub refused, newest first as the core lists them, each leading to its patient. */
export function NeedsAttentionList({ records }: { records: readonly RejectedRecord[] }) {
  const { t } = useTranslation();
  if (records.length === 0) return <p data-testid="sync-attention-empty">{t('sync.attentionNone')}</p>;
  return (
    <table className="record-table" aria-label={t('sync.attentionTitle')}>
      <thead>
        <tr>
          <th scope="col">{t('sync.columns.patient')}</th>
          <th scope="col">{t('sync.columns.type')}</th>
          <th scope="col">{t('sync.columns.recordedAt')}</th>
          <th scope="col">{t('sync.columns.reason')}</th>
        </tr>
      </thead>
      <tbody>
        {records.map((record) => (
          <RejectedRow key={`${record.recordId}/${record.version}`} record={record} />
        ))}
      </tbody>
    </table>
  );
}
