import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { CONSOLE_ROUTES, hrefOf } from '../routes.js';
import type { ConsoleRoute } from '../routes.js';
import { LanguageSwitch } from '../../../../renderer/components/i18n/LanguageSwitch.js';

interface LayoutProps {
  /** The page shown, highlighted in the navigation; none on the sign-in form. */
  current?: ConsoleRoute;
  /** Who is signed in, with the way out; none on the sign-in form. */
  account?: { username: string; onSignOut: () => void };
  children: ReactNode;
}

/** The console's frame: brand, language and account on top, pages on the side, the page itself. */
export function Layout({ current, account, children }: LayoutProps) {
  const { t } = useTranslation();
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
              <span className="account">{t('app.signedInAs', { username: account.username })}</span>
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
          {CONSOLE_ROUTES.map((route) => (
            <a
              key={route}
              className="nav-item"
              href={hrefOf(route)}
              aria-current={route === current ? 'page' : undefined}
            >
              {t(`nav.${route}`)}
            </a>
          ))}
        </nav>
      )}
      <main className="content">{children}</main>
    </div>
  );
}
