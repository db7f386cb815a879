import type { CallReport, StationApi } from '../../../../contract/index.js';
import type {
  CallEvent as EngineEvent,
  CallMode,
  CallSession,
  CallSessionOptions,
} from '../../../components/call/index.js';
import { INITIAL_VIEW, phaseOf } from './call-view.js';
import type { CallView, EndReason } from './call-view.js';
import { fromWire, toWire } from './signal-bridge.js';

/** What a call needs from the station, the engine and the clock; tests pass their own. */
export interface CallControllerDeps {
  readonly consultId: string;
  readonly consults: Pick<StationApi['consults'], 'iceConfig' | 'signal' | 'callEvents' | 'report' | 'changes'>;
  readonly localStream: MediaStream;
  readonly createSession: (options: CallSessionOptions) => CallSession;
  readonly newCallId: () => string;
  readonly onView: (view: CallView) => void;
  readonly timer: (task: () => void, ms: number) => () => void;
  /** Starts sending live vitals over the call; returns its stop. */
  readonly startLive?: (io: { send(bytes: Uint8Array): void; mode(): CallMode | null }) => () => void;
  readonly warn?: (message: string, error?: unknown) => void;
}

export interface CallController {
  start(): void;
  /** The doctor pressed hang up. */
  hangUp(): void;
  /** The page went away: ends the call as a hang-up does. */
  dispose(): void;
  session(): CallSession | null;
  view(): CallView;
}

/** Before trying again after the hub could not give ICE servers, or a session failed. */
export const RETRY_MS = 3_000;
/**
 * A session still connecting after this long offers again (an ICE restart): the first offer
 * may have been lost on the way, and the console only ever answers.
 */
export const CONNECT_WAIT_MS = 10_000;

/**
 * The station's side of one consult's call. The station is the initiator: it makes the offers,
 * the specialist's console answers. Signaling goes through the core (`consults.signal` out,
 * `consults.callEvents` in); the call's start, quality steps and end are reported for the
 * consult's history. A session that fails is replaced by a new one (a new call in the history)
 * while the specialist is there, and when they come back after leaving.
 */
export function createCallController(deps: CallControllerDeps): CallController {
  const { consultId, consults } = deps;
  const warn = deps.warn ?? ((message: string, error?: unknown) => console.warn(`call: ${message}`, error ?? ''));
  let view: CallView = INITIAL_VIEW;
  let session: CallSession | null = null;
  /** Bumped whenever the current session is replaced: events of an older one are ignored. */
  let generation = 0;
  /** The call (in the history) the current session started, once it connected. */
  let callId: string | null = null;
  let finished = false;
  let reports: Promise<unknown> = Promise.resolve();
  const stops: (() => void)[] = [];
  let stopLive: (() => void) | null = null;

  const update = (patch: Partial<CallView>) => {
    view = { ...view, ...patch };
    deps.onView(view);
  };
  // Reports go one after another, so the history never sees a step before its start.
  const report = (r: CallReport) => {
    reports = reports.then(() => consults.report(r)).catch((error: unknown) => warn(`report ${r.event}`, error));
  };
  const endCall = () => {
    if (callId !== null) report({ event: 'ended', consultId, callId });
    callId = null;
  };

  const sendSignal = (signal: Parameters<CallSessionOptions['sendSignal']>[0]) => {
    const data = toWire(signal);
    if (data === null) return warn('signal the contract refuses was not sent');
    // Lost while the hub is away: ICE restarts send fresh offers once it is back.
    consults.signal({ consultId, data }).catch((error: unknown) => warn('signal not sent', error));
  };

  const onState = (state: Parameters<typeof phaseOf>[0], mine: number) => {
    if (state === 'connected' && callId === null) {
      callId = deps.newCallId();
      report({ event: 'started', consultId, callId, mode: session?.mode() ?? 'v360p15' });
      stopLive ??=
        deps.startLive?.({ send: (bytes) => session?.sendData(bytes), mode: () => session?.mode() ?? null }) ?? null;
      update({ phase: 'connected', connectedAt: view.connectedAt ?? Date.now(), mode: session?.mode() ?? view.mode });
      return;
    }
    if (state !== 'failed') {
      if (state !== 'closed') update({ phase: phaseOf(state) });
      return;
    }
    // The engine gave this session up: the call it carried is over.
    session = null;
    generation = mine + 1;
    endCall();
    if (view.peer === 'left') update({ phase: 'ended', endReason: 'peer-gone', remoteStream: null });
    else {
      update({ phase: 'reconnecting', remoteStream: null });
      stops.push(deps.timer(() => openSession(), RETRY_MS));
    }
  };

  const onSessionEvent = (event: EngineEvent, mine: number) => {
    if (mine !== generation || finished) return;
    switch (event.type) {
      case 'state':
        return onState(event.state, mine);
      case 'mode':
        update({ mode: event.mode });
        if (callId !== null) {
          const { from, to, reason } = event.step;
          report({ event: 'step', consultId, callId, from, to, reason });
        }
        return;
      case 'remoteMode':
        return update({ remoteMode: event.mode });
      case 'remoteStream':
        return update({ remoteStream: event.stream });
      case 'snapshot':
        return update({ snapshotUrl: event.url });
      case 'quality':
        return update({ quality: event.quality });
      case 'data':
        // The specialist's side sends the station nothing of its own yet.
        return;
    }
  };

  function openSession(): void {
    if (finished || session !== null) return;
    const mine = ++generation;
    consults.iceConfig({ consultId }).then(
      (config) => {
        if (finished || mine !== generation) return;
        session = deps.createSession({
          initiator: true,
          iceServers: config.iceServers,
          iceTransportPolicy: config.iceTransportPolicy,
          localStream: deps.localStream,
          sendSignal,
          onEvent: (event) => onSessionEvent(event, mine),
        });
        update({ phase: 'connecting', endReason: null });
        watchConnecting(mine);
      },
      (error: unknown) => {
        if (finished || mine !== generation) return;
        warn('no ICE servers', error);
        stops.push(deps.timer(() => mine === generation && openSession(), RETRY_MS));
      },
    );
  }

  function watchConnecting(mine: number): void {
    stops.push(
      deps.timer(() => {
        if (finished || mine !== generation || view.phase !== 'connecting') return;
        session?.restartIce();
        watchConnecting(mine);
      }, CONNECT_WAIT_MS),
    );
  }

  /** Replaces the session (the specialist's console came back as a new peer). */
  const renewSession = () => {
    generation++;
    session?.close();
    session = null;
    endCall();
    openSession();
  };

  /** The hub is back: fresh TURN credentials, and an ICE restart onto them if the call is down. */
  const refreshIce = () => {
    const current = session;
    if (!current || view.phase === 'connected') return;
    consults.iceConfig({ consultId }).then(
      (config) => session === current && !finished && current.setIceServers(config.iceServers),
      (error: unknown) => warn('no ICE servers', error),
    );
  };

  const finish = (reason: EndReason) => {
    if (finished) return;
    finished = true;
    generation++;
    session?.close();
    session = null;
    stopLive?.();
    for (const stop of stops) stop();
    endCall();
    update({ phase: 'ended', endReason: reason, remoteStream: null });
  };

  return {
    start() {
      stops.push(
        consults.callEvents({ consultId }, (event) => {
          if (finished) return;
          if (event.type === 'signal') {
            const signal = fromWire(event.data);
            // Nothing the console says before this side's offer belongs to a session of ours.
            if (signal && session) session.signal(signal);
          } else if (event.type === 'hub') {
            update({ hubOnline: event.online });
            if (event.online) refreshIce();
          } else {
            const before = view.peer;
            update({ peer: event.presence });
            if (event.presence !== 'joined' || before !== 'left') return;
            if (session === null && view.phase === 'ended') openSession();
            else if (session !== null && view.phase !== 'connected') renewSession();
          }
        }),
        consults.changes({}, (c) => {
          if (c.consultId === consultId && (c.state === 'answered' || c.state === 'cancelled'))
            finish('consult-closed');
        }),
      );
      openSession();
    },
    hangUp: () => finish('hung-up'),
    dispose: () => finish('hung-up'),
    session: () => session,
    view: () => view,
  };
}
