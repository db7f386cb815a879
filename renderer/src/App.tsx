import { useTranslation } from 'react-i18next';
import type { StationApi } from '../../contract/index.js';
import { SessionBadge, SessionGate } from './auth/SessionGate.js';
import { useCoreConnected } from './connection-store.js';
import { ConsultAlert } from './consults/alert/ConsultAlert.js';
import { LanguageSwitch } from '../components/i18n/LanguageSwitch.js';
import { Nav } from './frame/Nav.js';
import { sectionOf, useRoute } from './routes.js';
import { StatusScreen } from './screens/StatusScreen.js';
import { WorkflowScreen } from './screens/WorkflowScreen.js';
import { SyncBar } from './sync/SyncBar.js';

/** The app frame: sidebar with the workflows, a top bar, and the current screen. */
export function App({ station }: { station: StationApi | null }) {
  const { t } = useTranslation();
  const route = useRoute();
  const connected = useCoreConnected();

  return (
    <div className="frame">
      <header className="topbar">
        <div className="brand">
          <span className="brand-name">{t('app.name')}</span>
          <span className="brand-tagline">{t('app.tagline')}</span>
        </div>
        <div className="topbar-right">
          {station && <SessionBadge station={station} />}
          <LanguageSwitch />
        </div>
      </header>
      <Nav current={sectionOf(route)} />
      <main className="content">
        {!connected && (
          <p className="banner banner-warning" role="alert">
            {t('app.coreDisconnected')}
          </p>
        )}
        {station && <ConsultAlert station={station} />}
        {station === null ? (
          <p className="banner banner-error" role="alert">
            {t('app.noBridge')}
          </p>
        ) : route.name === 'status' ? (
          <StatusScreen station={station} />
        ) : (
          <SessionGate station={station}>
            <WorkflowScreen station={station} route={route} />
          </SessionGate>
        )}
      </main>
      {station && <SyncBar station={station} />}
    </div>
  );
}
