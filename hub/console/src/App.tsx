import { useEffect, useMemo, useState } from 'react';
import type { ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdminMe } from '../../server/admin/admin-wire.js';
import { createAdminClient } from './api/admin-client.js';
import { AdminClientContext } from './api/client-context.js';
import { SignInPage } from './auth/SignInPage.js';
import { EnrollmentCodesPage } from './enrollment/EnrollmentCodesPage.js';
import { Layout } from './layout/Layout.js';
import { useRoute } from './routes.js';
import type { ConsoleRoute } from './routes.js';
import { StationsPage } from './stations/StationsPage.js';

type Session = { state: 'checking' } | { state: 'signedOut' } | { state: 'signedIn'; me: AdminMe };

/** One component per page; a later console adds its pages here and to CONSOLE_ROUTES. */
const PAGES: Record<ConsoleRoute, ComponentType> = {
  stations: StationsPage,
  'enrollment-codes': EnrollmentCodesPage,
};

/** The console: the sign-in form until the hub knows the admin, then the pages in the layout. */
export function App() {
  const { t } = useTranslation();
  const route = useRoute();
  const [session, setSession] = useState<Session>({ state: 'checking' });
  // Any answer saying the session is gone (expired, signed out elsewhere) returns to sign-in.
  const client = useMemo(() => createAdminClient(() => setSession({ state: 'signedOut' })), []);

  useEffect(() => {
    client.me().then(
      (me) => setSession({ state: 'signedIn', me }),
      () => setSession({ state: 'signedOut' }),
    );
  }, [client]);

  const Page = PAGES[route];
  return (
    <AdminClientContext.Provider value={client}>
      {session.state === 'signedIn' ? (
        <Layout
          current={route}
          account={{
            username: session.me.username,
            // A failed logout (hub unreachable) still leaves the page; the session expires on its own.
            onSignOut: () => void client.logout().catch(() => setSession({ state: 'signedOut' })),
          }}
        >
          <Page />
        </Layout>
      ) : (
        <Layout>
          {session.state === 'checking' ? (
            <p>{t('common.loading')}</p>
          ) : (
            <SignInPage onSignedIn={(me) => setSession({ state: 'signedIn', me })} />
          )}
        </Layout>
      )}
    </AdminClientContext.Provider>
  );
}
