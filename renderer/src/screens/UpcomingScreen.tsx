import { useTranslation } from 'react-i18next';
import type { UpcomingRoute } from '../routes.js';

/** Placeholder for workflows that later releases bring; says so plainly. */
export function UpcomingScreen({ route }: { route: UpcomingRoute }) {
  const { t } = useTranslation();
  return (
    <section className="panel">
      <h1>{t('upcoming.title', { name: t(`nav.${route}`) })}</h1>
      <p>{t('upcoming.body')}</p>
    </section>
  );
}
