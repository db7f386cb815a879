import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { hrefOf } from '../routes.js';
import type { ConsoleRoute, PageName } from '../routes.js';
import { LanguageSwitch } from '../../../../renderer/components/i18n/LanguageSwitch.js';

interface LayoutProps {
  /** The page shown, highlighted in the navigation; none on the sign-in form. */
  current?: ConsoleRoute | null;
  /** The pages this user may open; none on the sign-in form. */
  nav?: readonly PageName[];
  /** Who is signed in, with the way out; none on the sign-in form. */
  account?: { name: string; onSignOut: () => void };
  /** Above every page: the ring, a lost connection. */
  alerts?: ReactNode;
  children: ReactNode;
}

/** The console's frame: brand, language and account on top, pages on the side, the page itself. */
export function Layout({ current, nav, account, alerts, children }: LayoutProps) {
  const { t } = useTranslation();
  // A consult belongs to the queue in the navigation.
  const highlighted = current?.page === 'consult' ? 'queue' : current?.page;
  return (
    <div className={account ? 'frame' : 'frame frame-bare'}>
      <header className="topbar">
        <div className="brand">
          <span className="brand-name">{t('app.name')}</span>
          <span className="brand-tagline">{t('app.tagline')}</span>
        </div>
        <div className="topbar-right">
          {account && (
            <>
              <span className="account">{t('app.signedInAs', { username: account.name })}</span>
              <button type="button" className="button-quiet" onClick={account.onSignOut}>
                {t('app.signOut')}
              </button>
            </>
          )}
          <LanguageSwitch />
        </div>
      </header>
      {account && (
        <nav className="nav" aria-label={t('app.mainNav')}>
          {(nav ?? []).map((page) => (
            <a
              key={page}
              className="nav-item"
              href={hrefOf({ page })}
              aria-current={page === highlighted ? 'page' : undefined}
            >
              {t(`nav.${page}`)}
            </a>
          ))}
        </nav>
      )}
      <main className="content">
        {alerts}
        {children}
      </main>
    </div>
  );
}
