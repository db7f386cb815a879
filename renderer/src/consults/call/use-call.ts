import { useEffect, useRef, useState } from 'react';
import { v7 as uuidv7 } from 'uuid';
import type { StationApi } from '../../../../contract/index.js';
import { createCallSession } from '../../../components/call/index.js';
import { congestedAt, startLiveLink } from '../live/live-link.js';
import { loadChoice } from '../media/device-choice.js';
import { mediaErrorKey, openLocalMedia, stopMedia } from '../media/local-media.js';
import type { LocalMedia } from '../media/local-media.js';
import { createCallController } from './call-controller.js';
import type { CallController } from './call-controller.js';
import { INITIAL_VIEW } from './call-view.js';
import type { CallView } from './call-view.js';
import { exposeCallProbe } from './test-hook.js';

/** The doctor talks rather than touches the screen in a call: keep the idle lock from ending it. */
const ACTIVITY_EVERY_MS = 30_000;

const timer = (task: () => void, ms: number) => {
  const id = setTimeout(task, ms);
  return () => clearTimeout(id);
};

/**
 * Runs the call of a consult while the page is open: opens the chosen camera and microphone,
 * starts the call, streams live vitals once it connects, and ends it all when the page closes.
 */
export function useCall(station: StationApi, consultId: string) {
  const [view, setView] = useState<CallView>(INITIAL_VIEW);
  const [media, setMedia] = useState<LocalMedia | null>(null);
  const [mediaError, setMediaError] = useState<string | null>(null);
  const controller = useRef<CallController | null>(null);

  useEffect(() => {
    let live = true;
    let stream: MediaStream | null = null;
    let call: CallController | null = null;
    let unexpose: (() => void) | null = null;
    const end = () => call?.dispose();
    openLocalMedia(loadChoice()).then(
      (opened) => {
        stream = opened.stream;
        if (!live) return stopMedia(opened.stream);
        setMedia(opened);
        call = createCallController({
          consultId,
          consults: station.consults,
          localStream: opened.stream,
          createSession: createCallSession,
          newCallId: uuidv7,
          onView: (v) => live && setView(v),
          timer,
          startLive: (io) =>
            startLiveLink({
              devices: station.devices,
              // Waveform goes on the engine's lossy channel; should it not be open, on the reliable one.
              send: (bytes, lossy) => {
                if (!lossy || !call?.session()?.sendLossy(bytes)) io.send(bytes);
              },
              mode: io.mode,
              // A backlog in the data channels holds the feed's acks back, so the core drops
              // waveform (reported as skipped) rather than the channel queueing it for minutes.
              congested: () => congestedAt(call?.session()?.bufferedAmount() ?? 0),
              now: () => Date.now(),
              timer,
            }),
        });
        controller.current = call;
        const current = call;
        unexpose = exposeCallProbe({
          consultId,
          get state() {
            return current.view().phase;
          },
          get mode() {
            return current.view().mode;
          },
          get remoteMode() {
            return current.view().remoteMode;
          },
          get peer() {
            return current.view().peer;
          },
          get hubOnline() {
            return current.view().hubOnline;
          },
          quality: () => current.session()?.quality() ?? current.view().quality,
        });
        call.start();
      },
      (error: unknown) => live && setMediaError(mediaErrorKey(error)),
    );
    // Closing the window mid-call still tells the history the call ended.
    window.addEventListener('pagehide', end);
    return () => {
      live = false;
      window.removeEventListener('pagehide', end);
      call?.dispose();
      unexpose?.();
      controller.current = null;
      stopMedia(stream);
    };
  }, [station, consultId]);

  useEffect(() => {
    const id = setInterval(() => void station.auth.activity({}).catch(() => undefined), ACTIVITY_EVERY_MS);
    return () => clearInterval(id);
  }, [station]);

  return { view, media, mediaError, hangUp: () => controller.current?.hangUp() };
}
