import { useEffect, useState, useSyncExternalStore } from 'react';
import { createCallSession } from '../../../../renderer/components/call/index.js';
import { useConsoleClient, useConsoleSocket, useHubMessages } from '../api/console-context.js';
import { openLocalMedia, stopMedia } from '../settings/local-media.js';
import { loadMediaChoice } from '../settings/media-choice.js';
import { CallController } from './call-controller.js';
import type { CallView } from './call-controller.js';
import { exposeCall } from './call-probe.js';

/** The consult's call controller for as long as the page shows the consult; the call ends when it closes. */
export function useCall(consultId: string): { controller: CallController; view: CallView } {
  const client = useConsoleClient();
  const socket = useConsoleSocket();
  const [controller] = useState(
    () =>
      new CallController({
        consultId,
        ice: (id) => client.ice(id),
        call: (id) => client.call(id),
        report: (id, report) => client.reportCall(id, report),
        send: (message) => socket?.send(message),
        openMedia: () => openLocalMedia(loadMediaChoice(globalThis.localStorage)),
        stopMedia,
        createSession: createCallSession,
        emptyStream: () => new MediaStream(),
        newCallId: () => crypto.randomUUID(),
        now: () => Date.now(),
      }),
  );
  useHubMessages((message) => controller.handle(message));
  useEffect(() => {
    exposeCall(consultId, controller);
    return () => {
      controller.hangUp();
      exposeCall(null, null);
    };
  }, [consultId, controller]);
  const view = useSyncExternalStore(
    (listener) => controller.subscribe(listener),
    () => controller.view(),
  );
  return { controller, view };
}
