import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../../components/format.js';
import type { NationalIdCheck } from './national-id-check.js';

/** The line under the ID field: what the ID says, or why it cannot be right. */
export function NationalIdStatus({ check }: { check: NationalIdCheck }) {
  const { t } = useTranslation();
  const format = useFormatters();
  switch (check.state) {
    case 'empty':
      return <span>{t('register.nationalIdHint')}</span>;
    case 'typing':
      return <span>{t('register.nationalIdTyping', { count: check.digits })}</span>;
    case 'invalid':
      return (
        <span className="status-bad" data-testid="national-id-status" data-state="invalid">
          {t(`fieldErrors.national_id.${check.reason}`)}
        </span>
      );
    case 'valid':
      return (
        <span className="status-good" data-testid="national-id-status" data-state="valid">
          {t('register.nationalIdValid', { birthDate: format.date(check.id.birthDate), sex: t(`sex.${check.id.sex}`) })}
          {check.id.convertedFrom15 && ` ${t('register.nationalIdConverted', { id: check.id.id18 })}`}
        </span>
      );
  }
}
