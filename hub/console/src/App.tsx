import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConsoleMe } from '../../server/consults/console-wire.js';
import { createAdminClient } from './api/admin-client.js';
import { AdminClientContext } from './api/client-context.js';
import { ConsoleClientContext, MeContext } from './api/console-context.js';
import { createConsoleClient } from './api/console-client.js';
import { SignInPage } from './auth/SignInPage.js';
import { EnrollmentCodesPage } from './enrollment/EnrollmentCodesPage.js';
import { Layout } from './layout/Layout.js';
import { QueuePage } from './queue/QueuePage.js';
import { navPages, routeFor, useHash } from './routes.js';
import type { ConsoleRoute, Roles } from './routes.js';
import { DevicesPage } from './settings/DevicesPage.js';
import { SpecialistShell } from './SpecialistShell.js';
import { SpecialistsPage } from './specialists/SpecialistsPage.js';
import { StationsPage } from './stations/StationsPage.js';

// The call engine (simple-peer, polyfills) and the charts load with the first consult opened.
const ConsultPage = lazy(() => import('./consult/ConsultPage.js').then((m) => ({ default: m.ConsultPage })));

type Session = { state: 'checking' } | { state: 'signedOut' } | { state: 'signedIn'; me: ConsoleMe };

function Loading() {
  const { t } = useTranslation();
  return <p>{t('common.loading')}</p>;
}

function pageOf(route: ConsoleRoute): ReactNode {
  switch (route.page) {
    case 'queue':
      return <QueuePage />;
    case 'devices':
      return <DevicesPage />;
    case 'consult':
      // Keyed: another consult is another page, with nothing carried over from the last one.
      return (
        <Suspense fallback={<Loading />}>
          <ConsultPage key={route.consultId} consultId={route.consultId} />
        </Suspense>
      );
    case 'stations':
      return <StationsPage />;
    case 'enrollment-codes':
      return <EnrollmentCodesPage />;
    case 'specialists':
      return <SpecialistsPage />;
  }
}

/** The pages of a signed-in user, as far as her roles allow. */
function SignedIn({ me, setMe, onSignOut }: { me: ConsoleMe; setMe: (me: ConsoleMe) => void; onSignOut: () => void }) {
  const { t } = useTranslation();
  const hash = useHash();
  const roles: Roles = { isAdmin: me.isAdmin, isSpecialist: me.specialist !== null };
  const route = routeFor(hash, roles);
  const meValue = useMemo(() => ({ me, setMe }), [me, setMe]);
  const frame = (alerts: ReactNode) => (
    <Layout
      current={route}
      nav={navPages(roles)}
      account={{ name: me.specialist?.displayName ?? me.username, onSignOut }}
      alerts={alerts}
    >
      {route ? (
        pageOf(route)
      ) : (
        <p className="banner banner-warning" role="alert">
          {t('app.noRole')}
        </p>
      )}
    </Layout>
  );
  return (
    <MeContext.Provider value={meValue}>
      {roles.isSpecialist ? <SpecialistShell>{frame}</SpecialistShell> : frame(null)}
    </MeContext.Provider>
  );
}

/** The console: the sign-in form until the hub knows the user, then the pages her roles allow. */
export function App() {
  const { t } = useTranslation();
  const [session, setSession] = useState<Session>({ state: 'checking' });
  // Any answer saying the session is gone (expired, signed out elsewhere) returns to sign-in.
  const admin = useMemo(() => createAdminClient(() => setSession({ state: 'signedOut' })), []);
  const client = useMemo(() => createConsoleClient(() => setSession({ state: 'signedOut' })), []);
  const setMe = useMemo(() => (me: ConsoleMe) => setSession({ state: 'signedIn', me }), []);

  useEffect(() => {
    client.me().then(setMe, () => setSession({ state: 'signedOut' }));
  }, [client, setMe]);

  return (
    <AdminClientContext.Provider value={admin}>
      <ConsoleClientContext.Provider value={client}>
        {session.state === 'signedIn' ? (
          <SignedIn
            me={session.me}
            setMe={setMe}
            // A failed logout (hub unreachable) still leaves the page; the session expires on its own.
            onSignOut={() => void admin.logout().catch(() => setSession({ state: 'signedOut' }))}
          />
        ) : (
          <Layout>
            {session.state === 'checking' ? <p>{t('common.loading')}</p> : <SignInPage onSignedIn={setMe} />}
          </Layout>
        )}
      </ConsoleClientContext.Provider>
    </AdminClientContext.Provider>
  );
}
