import { useTranslation } from 'react-i18next';
import type { DraftSectionProps } from './registration-draft.js';
import { TextFieldSection } from './TextFieldSection.js';

/** Who to call: optional, but a name and a phone go together. */
export function EmergencyContactFields(props: DraftSectionProps) {
  const { t } = useTranslation();
  return (
    <TextFieldSection
      {...props}
      legend={t('register.emergencyContact')}
      fields={[
        { key: 'contactName', issuePath: 'emergencyContact.name', label: t('register.contactName'), maxLength: 32 },
        {
          key: 'contactRelationship',
          issuePath: 'emergencyContact.relationship',
          label: t('register.contactRelationship'),
          maxLength: 16,
        },
        {
          key: 'contactPhone',
          issuePath: 'emergencyContact.phone',
          label: t('register.contactPhone'),
          type: 'tel',
          inputMode: 'tel',
          maxLength: 20,
        },
      ]}
    />
  );
}
