import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { z } from 'zod';
import { App } from './App.js';
import { createConsoleI18n } from './i18n/i18n.js';
import './styles.css';

// zod would probe `new Function` to compile parsers; the console's CSP forbids eval.
z.config({ jitless: true });

const i18n = createConsoleI18n();
document.documentElement.lang = i18n.language;
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <App />
      </I18nextProvider>
    </StrictMode>,
  );
}
