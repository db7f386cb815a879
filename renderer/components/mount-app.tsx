import { StrictMode } from 'react';
import type { ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import type { i18n } from 'i18next';
import { I18nextProvider } from 'react-i18next';

/** Renders a browser app into the page's #root with its i18next instance, and sets the page's language. */
export function mountApp(i18n: i18n, app: ReactNode): void {
  document.documentElement.lang = i18n.language;
  const root = document.getElementById('root');
  if (root) {
    createRoot(root).render(
      <StrictMode>
        <I18nextProvider i18n={i18n}>{app}</I18nextProvider>
      </StrictMode>,
    );
  }
}
