import { z } from 'zod';
import { mountApp } from '../../../renderer/components/mount-app.js';
import { App } from './App.js';
import { createConsoleI18n } from './i18n/i18n.js';
import './styles.css';

// zod would probe `new Function` to compile parsers; the console's CSP forbids eval.
z.config({ jitless: true });

mountApp(createConsoleI18n(), <App />);
