import { useTranslation } from 'react-i18next';
import type { UserSummary } from '../../../../contract/index.js';
import type { DemographicConflict, DemographicField } from '../../../../contract/records/demographics.js';
import { maskNationalId } from '../../../../contract/records/national-id.js';
import { useFormatters } from '../../../components/format.js';

const FIELD_LABELS: Record<DemographicField, string> = {
  name: 'register.name',
  sex: 'register.sex',
  birthDate: 'register.birthDate',
  nationalId: 'register.nationalId',
  phone: 'register.phone',
  village: 'register.village',
  address: 'register.address',
  insuranceNumber: 'register.insuranceNumber',
  emergencyContact: 'register.emergencyContact',
};

/**
 * "Demographic conflicts": values that lost to a concurrent edit of the same detail (here and
 * at the cloud hospital), beside the value kept, with who changed each and when. Shown only
 * when there are any.
 */
export function DemographicConflicts({
  conflicts,
  users,
}: {
  conflicts: readonly DemographicConflict[];
  users: readonly UserSummary[];
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  if (conflicts.length === 0) return null;

  const valueText = (field: DemographicField, value: unknown): string => {
    if (value === null || value === undefined || value === '') return t('common.none');
    if (field === 'sex') return t(`sex.${String(value)}`);
    if (field === 'birthDate') return format.date(String(value));
    if (field === 'nationalId') return maskNationalId(String(value));
    if (field === 'emergencyContact') {
      const c = value as { name?: string; relationship?: string | null; phone?: string };
      return [c.name, c.relationship, c.phone].filter(Boolean).join(' · ');
    }
    return String(value);
  };
  const who = (side: DemographicConflict['kept']): string => {
    if (side.origin === 'hub') return side.by ? t('demographics.hubUser', { by: side.by }) : t('demographics.hub');
    return users.find((u) => u.id === side.by)?.displayName ?? t('demographics.thisStation');
  };
  const sideText = (field: DemographicField, side: DemographicConflict['kept']) =>
    t('demographics.side', { value: valueText(field, side.value), who: who(side), when: format.dateTime(side.at) });

  return (
    <section className="panel wide" aria-labelledby="conflicts-title" data-testid="demographic-conflicts">
      <h2 id="conflicts-title">{t('demographics.conflictsTitle')}</h2>
      <p>{t('demographics.conflictsIntro')}</p>
      <table className="record-table">
        <thead>
          <tr>
            <th scope="col">{t('demographics.field')}</th>
            <th scope="col">{t('demographics.kept')}</th>
            <th scope="col">{t('demographics.other')}</th>
          </tr>
        </thead>
        <tbody>
          {conflicts.map((c) => (
            <tr key={c.id}>
              <th scope="row">{t(FIELD_LABELS[c.field])}</th>
              <td>{sideText(c.field, c.kept)}</td>
              <td>{sideText(c.field, c.lost)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
