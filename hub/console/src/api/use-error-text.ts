import { useTranslation } from 'react-i18next';
import { AdminApiError } from './admin-client.js';

/** Turns whatever a call threw into a message for the admin, in the chosen language. */
export function useErrorText(): (error: unknown) => string {
  const { t } = useTranslation();
  return (error) => {
    if (!(error instanceof AdminApiError)) return t('errors.internal');
    return t(`errors.${error.code}`, { message: error.message, seconds: error.retryAfterSeconds ?? 1 });
  };
}
