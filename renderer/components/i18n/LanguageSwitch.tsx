import { useTranslation } from 'react-i18next';
import { LANGUAGES } from './create-i18n.js';

// Each language names itself, so someone who cannot read the current one still finds theirs.
const LABELS = { 'zh-CN': '中文', en: 'English' } as const;

/** Buttons that switch the app's language; its group label is the app's `app.language` message. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <div className="language-switch" role="group" aria-label={t('app.language')}>
      {LANGUAGES.map((lng) => (
        <button
          key={lng}
          type="button"
          lang={lng}
          aria-pressed={i18n.language === lng}
          onClick={() => void i18n.changeLanguage(lng)}
        >
          {LABELS[lng]}
        </button>
      ))}
    </div>
  );
}
