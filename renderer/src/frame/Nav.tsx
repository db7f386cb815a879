import { useTranslation } from 'react-i18next';
import { NAV_ROUTES } from '../routes.js';
import type { NavRoute } from '../routes.js';

export function Nav({ current }: { current: NavRoute }) {
  const { t } = useTranslation();
  return (
    <nav className="nav" aria-label={t('app.name')}>
      {NAV_ROUTES.map((route) => (
        <a key={route} href={`#/${route}`} className="nav-item" aria-current={route === current ? 'page' : undefined}>
          {t(`nav.${route}`)}
        </a>
      ))}
    </nav>
  );
}
