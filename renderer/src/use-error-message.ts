import { useTranslation } from 'react-i18next';
import { StationError } from '../../contract/errors.js';

/** Turns anything a call rejected with into a message in the user's language. */
export function useErrorMessage(): (error: unknown) => string {
  const { t, i18n } = useTranslation();
  return (error) => {
    const key = error instanceof StationError ? error.messageKey : 'errors.internal';
    return i18n.exists(key) ? t(key) : t('errors.internal');
  };
}
