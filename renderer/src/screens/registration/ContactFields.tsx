import { useTranslation } from 'react-i18next';
import type { DraftSectionProps } from './registration-draft.js';
import { TextFieldSection } from './TextFieldSection.js';

/** Phone, village, address and the urban-rural resident insurance number. */
export function ContactFields(props: DraftSectionProps) {
  const { t } = useTranslation();
  return (
    <TextFieldSection
      {...props}
      legend={t('register.contact')}
      fields={[
        { key: 'phone', label: t('register.phone'), type: 'tel', inputMode: 'tel', maxLength: 20 },
        { key: 'village', label: t('register.village'), required: true, maxLength: 64 },
        { key: 'address', label: t('register.address'), maxLength: 200 },
        { key: 'insuranceNumber', label: t('register.insuranceNumber'), maxLength: 32, className: 'mono-input' },
      ]}
    />
  );
}
