import { createStationI18n } from '../components/i18n/i18n.js';
import { mountApp } from '../components/mount-app.js';
import { App } from './App.js';
import { installSocketBridge } from './bridge/socket-bridge.js';
import { connectionStore } from './connection-store.js';
import './styles.css';
import { z } from 'zod';

// zod probes `new Function` to decide whether to compile parsers; the renderer's CSP forbids
// eval, so tell it not to try (the probe itself shows up as a CSP violation report).
z.config({ jitless: true });

// Electron's preload has already set window.station; browser mode builds it over the socket.
window.station ??= installSocketBridge((up) => connectionStore.set(up)) ?? undefined;

mountApp(createStationI18n(), <App station={window.station ?? null} />);
