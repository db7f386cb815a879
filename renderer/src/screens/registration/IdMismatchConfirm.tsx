import { useTranslation } from 'react-i18next';

/** The core refused typed values that disagree with the ID; the doctor checks and may keep them. */
export function IdMismatchConfirm({ onKeep, busy }: { onKeep: () => void; busy: boolean }) {
  const { t } = useTranslation();
  return (
    <section className="banner banner-warning hold" role="alert" aria-labelledby="id-mismatch-title">
      <h2 id="id-mismatch-title">{t('register.mismatchTitle')}</h2>
      <p>{t('register.mismatchBody')}</p>
      <button type="button" className="primary" disabled={busy} onClick={onKeep}>
        {t('register.keepTyped')}
      </button>
    </section>
  );
}
