import { useTranslation } from 'react-i18next';
import type { PatientRecord, UserSummary } from '../../../../contract/index.js';
import { useFormatters } from '../../../components/format.js';

function Fact({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div className="fact">
      <dt>{label}</dt>
      <dd data-testid={testId}>{value}</dd>
    </div>
  );
}

/** Who the patient is: demographics, contact, insurance, emergency contact and consent. */
export function PatientHeader({ patient, users }: { patient: PatientRecord; users: readonly UserSummary[] }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const none = t('common.none');
  const contact = patient.emergencyContact;
  const consent = patient.consent;
  const capturedBy = consent ? (users.find((u) => u.id === consent.capturedBy)?.displayName ?? consent.capturedBy) : '';
  const yesNo = (v: boolean) => (v ? t('patient.consentGiven') : t('patient.consentRefused'));
  return (
    <header className="patient-header">
      <h1 data-testid="patient-name">
        {patient.name}
        <span className="patient-sub">
          {t(`sex.${patient.sex}`)} · {t('patient.ageYears', { count: patient.age })}
        </span>
      </h1>
      <dl className="facts-grid">
        <Fact label={t('register.birthDate')} value={format.date(patient.birthDate)} testId="patient-birth-date" />
        <Fact label={t('register.nationalId')} value={patient.nationalIdMasked ?? none} testId="patient-national-id" />
        <Fact label={t('register.phone')} value={patient.phone ?? none} />
        <Fact label={t('register.village')} value={patient.village ?? none} testId="patient-village" />
        <Fact label={t('register.address')} value={patient.address ?? none} />
        <Fact label={t('register.insuranceNumber')} value={patient.insuranceNumber ?? none} />
        <Fact
          label={t('register.emergencyContact')}
          value={contact ? [contact.name, contact.relationship, contact.phone].filter(Boolean).join(' · ') : none}
        />
        <Fact label={t('patient.registeredAt')} value={format.dateTime(patient.registeredAt)} />
        <Fact
          label={t('patient.consent')}
          testId="patient-consent"
          value={
            consent
              ? t('patient.consentSummary', {
                  telemedicine: yesNo(consent.telemedicine),
                  share: yesNo(consent.shareWithHub),
                  by: capturedBy,
                  when: format.dateTime(consent.capturedAt),
                })
              : t('patient.noConsent')
          }
        />
      </dl>
    </header>
  );
}
