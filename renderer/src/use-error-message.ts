import { useTranslation } from 'react-i18next';
import { stationErrorOf } from '../../contract/errors.js';

/** Turns anything a call rejected with into a message in the user's language. */
export function useErrorMessage(): (error: unknown) => string {
  const { t, i18n } = useTranslation();
  return (error) => {
    const key = stationErrorOf(error).messageKey;
    return i18n.exists(key) ? t(key) : t('errors.internal');
  };
}
