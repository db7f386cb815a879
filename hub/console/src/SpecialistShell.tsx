import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLoad } from '../../../renderer/components/use-load.js';
import { ConsoleSocketContext, useConsoleClient, useHubMessages, useSocketStatus } from './api/console-context.js';
import { consoleSocketUrl, createConsoleSocket } from './api/console-socket.js';
import { QueueContext } from './api/queue-context.js';
import { RingBanner } from './ring/RingBanner.js';
import { useRinger } from './ring/use-ringer.js';

function Alerts({ children }: { children: (alerts: ReactNode) => ReactNode }) {
  const { t } = useTranslation();
  const client = useConsoleClient();
  // Stamped when it came, so a ring that came later is not judged by it.
  const [loaded, reload] = useLoad(
    useCallback(async () => ({ ...(await client.queue()), loadedAt: Date.now() }), [client]),
  );
  const status = useSocketStatus(reload);
  const ringer = useRinger(loaded);
  useHubMessages((message) => {
    if (message.t === 'queue' || message.t === 'consult' || message.t === 'ring') reload();
  });
  const queue = useMemo(() => ({ loaded, reload }), [loaded, reload]);
  const alerts = (
    <>
      <RingBanner rings={ringer.rings} onAcknowledge={ringer.acknowledge} />
      {status === 'closed' && (
        <p className="banner banner-warning" role="status" data-testid="socket-lost">
          {t('socket.lost')}
        </p>
      )}
    </>
  );
  return <QueueContext.Provider value={queue}>{children(alerts)}</QueueContext.Provider>;
}

/**
 * What a signed-in specialist has on every page: the hub socket (reconnecting by itself), her
 * queue kept fresh from it, and the ring. `children` gets the alerts to show above the page.
 */
export function SpecialistShell({ children }: { children: (alerts: ReactNode) => ReactNode }) {
  const [socket] = useState(() => createConsoleSocket(consoleSocketUrl(window.location)));
  // Connected by the effect, so StrictMode's unmount and mount close and open it again.
  useEffect(() => {
    socket.start();
    return () => socket.close();
  }, [socket]);
  return (
    <ConsoleSocketContext.Provider value={socket}>
      <Alerts>{children}</Alerts>
    </ConsoleSocketContext.Provider>
  );
}
