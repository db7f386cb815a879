import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Loaded } from '../components/use-load.js';
import { useErrorMessage } from './use-error-message.js';

/** A failure the doctor must see, announced to screen readers; nothing when there is none. */
export function Failure({ message }: { message: string | null | undefined }) {
  if (!message) return null;
  return (
    <p className="banner banner-error" role="alert">
      {message}
    </p>
  );
}

/** Shows a page once its data has loaded; until then, a loading line or the failure. */
export function WhenLoaded<T>({ page, children }: { page: Loaded<T>; children: (value: T) => ReactNode }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  if (page.state === 'loading') return <p className="panel">{t('status.loading')}</p>;
  if (page.state === 'failed') return <Failure message={errorMessage(page.error)} />;
  return <>{children(page.value)}</>;
}
