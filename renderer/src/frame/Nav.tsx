import { useTranslation } from 'react-i18next';
import { ROUTES } from '../routes.js';
import type { Route } from '../routes.js';

export function Nav({ current }: { current: Route }) {
  const { t } = useTranslation();
  return (
    <nav className="nav" aria-label={t('app.name')}>
      {ROUTES.map((route) => (
        <a key={route} href={`#/${route}`} className="nav-item" aria-current={route === current ? 'page' : undefined}>
          {t(`nav.${route}`)}
        </a>
      ))}
    </nav>
  );
}
