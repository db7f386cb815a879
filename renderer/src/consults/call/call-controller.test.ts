import { describe, expect, it } from 'vitest';
import type { CallEvent as CoreCallEvent, CallReport, ConsultSummary, IceConfig } from '../../../../contract/index.js';
import type { CallEvent, CallSession, CallSessionOptions, CallSignal } from '../../../components/call/index.js';
import { consult, uuid } from '../consult-fixtures.js';
import { CONNECT_WAIT_MS, createCallController, RETRY_MS } from './call-controller.js';
import type { CallControllerDeps } from './call-controller.js';
import type { CallView } from './call-view.js';

const CONSULT = consult({ state: 'calling' }).consultId;
const ICE: IceConfig = {
  iceServers: [{ urls: 'turn:127.0.0.1:3478', username: 'u', credential: 'c' }],
  iceTransportPolicy: 'relay',
};
const step = { at: 1, from: 'v360p15', to: 'v270p15', reason: 'loss' } as const;

/** A session that does nothing but record what it was asked and let the test speak for it. */
function fakeSession(options: CallSessionOptions) {
  const got: CallSignal[] = [];
  const servers: RTCIceServer[][] = [];
  let closed = false;
  let restarts = 0;
  let mode: 'v360p15' | 'v270p15' = 'v360p15';
  const session: CallSession = {
    signal: (s) => got.push(s),
    setIceServers: (s) => servers.push(s),
    restartIce: () => {
      restarts++;
    },
    sendData: () => true,
    sendLossy: () => true,
    bufferedAmount: () => 0,
    clockOffset: () => null,
    mode: () => mode,
    history: () => [],
    quality: () => null,
    close: () => {
      closed = true;
    },
  };
  return {
    session,
    options,
    got,
    servers,
    closed: () => closed,
    restarts: () => restarts,
    emit: (e: CallEvent) => {
      if (e.type === 'mode') mode = e.mode as typeof mode;
      options.onEvent(e);
    },
  };
}

/** Lets every pending promise (the report chain, ICE config answers) run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function rig(patch: Partial<CallControllerDeps> = {}) {
  const sessions: ReturnType<typeof fakeSession>[] = [];
  const reports: CallReport[] = [];
  const signals: unknown[] = [];
  const views: CallView[] = [];
  const timers: { task: () => void; ms: number; cancelled: boolean }[] = [];
  let callEvents: ((e: CoreCallEvent) => void) | null = null;
  let changes: ((c: ConsultSummary) => void) | null = null;
  let iceCalls = 0;
  let liveStarted = 0;
  let liveStopped = 0;
  const controller = createCallController({
    consultId: CONSULT,
    consults: {
      iceConfig: () => {
        iceCalls++;
        return Promise.resolve(ICE);
      },
      signal: (input) => {
        signals.push(input);
        return Promise.resolve({});
      },
      callEvents: (_input, listener) => {
        callEvents = listener;
        return () => (callEvents = null);
      },
      changes: (_input, listener) => {
        changes = listener;
        return () => (changes = null);
      },
      report: (r) => {
        reports.push(r);
        return Promise.resolve({
          callId: uuid(),
          startedAt: '2026-11-30T02:00:00Z',
          endedAt: null,
          durationSeconds: null,
          steps: [],
        });
      },
    },
    localStream: {} as MediaStream,
    createSession: (options) => {
      const s = fakeSession(options);
      sessions.push(s);
      return s.session;
    },
    newCallId: uuid,
    onView: (v) => views.push(v),
    timer: (task, ms) => {
      const t = { task, ms, cancelled: false };
      timers.push(t);
      return () => (t.cancelled = true);
    },
    startLive: () => {
      liveStarted++;
      return () => liveStopped++;
    },
    warn: () => undefined,
    ...patch,
  });
  return {
    controller,
    sessions,
    reports,
    signals,
    views,
    timers,
    hub: (e: CoreCallEvent) => callEvents?.(e),
    change: (c: ConsultSummary) => changes?.(c),
    iceCalls: () => iceCalls,
    live: () => ({ started: liveStarted, stopped: liveStopped }),
    subscribed: () => callEvents !== null && changes !== null,
    runTimers: () => {
      for (const t of timers.splice(0)) if (!t.cancelled) t.task();
    },
  };
}

describe('the station side of a consult call', () => {
  it('starts as initiator with the hub ICE servers and carries signaling both ways', async () => {
    const r = rig();
    r.controller.start();
    await settle();
    const s = r.sessions[0]!;
    expect(s.options).toMatchObject({ initiator: true, iceServers: ICE.iceServers, iceTransportPolicy: 'relay' });
    expect(r.controller.view().phase).toBe('connecting');
    s.options.sendSignal({ type: 'offer', sdp: 'v=0' });
    expect(r.signals).toEqual([{ consultId: CONSULT, data: { type: 'offer', sdp: 'v=0' } }]);
    r.hub({ type: 'signal', data: { type: 'answer', sdp: 'v=1' } });
    r.hub({ type: 'signal', data: { type: 'pranswer', sdp: 'v=2' } });
    expect(s.got).toEqual([{ type: 'answer', sdp: 'v=1' }]);
  });

  it('reports start, quality steps and end in order, and streams vitals only while connected', async () => {
    const r = rig();
    r.controller.start();
    await settle();
    const s = r.sessions[0]!;
    expect(r.live().started).toBe(0);
    s.emit({ type: 'state', state: 'connected' });
    s.emit({ type: 'mode', mode: 'v270p15', step });
    r.controller.hangUp();
    await settle();
    const callId = r.reports[0]?.callId;
    expect(r.reports).toEqual([
      { event: 'started', consultId: CONSULT, callId, mode: 'v360p15' },
      { event: 'step', consultId: CONSULT, callId, from: 'v360p15', to: 'v270p15', reason: 'loss' },
      { event: 'ended', consultId: CONSULT, callId },
    ]);
    expect(r.live()).toEqual({ started: 1, stopped: 1 });
    expect(s.closed()).toBe(true);
    expect(r.controller.view()).toMatchObject({ phase: 'ended', endReason: 'hung-up', mode: 'v270p15' });
    expect(r.subscribed()).toBe(false);
  });

  it('keeps one call through an ICE reconnect, and reports nothing for a call that never connected', async () => {
    const r = rig();
    r.controller.start();
    await settle();
    const s = r.sessions[0]!;
    s.emit({ type: 'state', state: 'connected' });
    s.emit({ type: 'state', state: 'reconnecting' });
    expect(r.controller.view().phase).toBe('reconnecting');
    s.emit({ type: 'state', state: 'connected' });
    r.controller.dispose();
    await settle();
    expect(r.reports.map((x) => x.event)).toEqual(['started', 'ended']);

    const never = rig();
    never.controller.start();
    await settle();
    never.controller.hangUp();
    await settle();
    expect(never.reports).toEqual([]);
  });

  it('gives the session fresh ICE servers when the hub comes back while the call is down', async () => {
    const r = rig();
    r.controller.start();
    await settle();
    const s = r.sessions[0]!;
    s.emit({ type: 'state', state: 'connected' });
    r.hub({ type: 'hub', online: false });
    expect(r.controller.view().hubOnline).toBe(false);
    r.hub({ type: 'hub', online: true });
    await settle();
    expect(s.servers).toEqual([]);
    s.emit({ type: 'state', state: 'reconnecting' });
    r.hub({ type: 'hub', online: true });
    await settle();
    expect(s.servers).toEqual([ICE.iceServers]);
  });

  it('replaces a failed session while the specialist is there, as a new call', async () => {
    const r = rig();
    r.controller.start();
    await settle();
    r.sessions[0]!.emit({ type: 'state', state: 'connected' });
    r.sessions[0]!.emit({ type: 'state', state: 'failed', error: 'peer connection closed' });
    expect(r.controller.view().phase).toBe('reconnecting');
    r.runTimers();
    await settle();
    expect(r.sessions).toHaveLength(2);
    r.sessions[1]!.emit({ type: 'state', state: 'connected' });
    // Events of the old session no longer count.
    r.sessions[0]!.emit({ type: 'state', state: 'connected' });
    await settle();
    const events = r.reports.map((x) => x.event);
    expect(events).toEqual(['started', 'ended', 'started']);
    expect(r.reports[0]?.callId).not.toBe(r.reports[2]?.callId);
  });

  it('waits for a specialist who left, and calls again when they come back', async () => {
    const r = rig();
    r.controller.start();
    await settle();
    r.hub({ type: 'peer', presence: 'joined' });
    r.sessions[0]!.emit({ type: 'state', state: 'connected' });
    r.hub({ type: 'peer', presence: 'left' });
    r.sessions[0]!.emit({ type: 'state', state: 'failed' });
    expect(r.controller.view()).toMatchObject({ phase: 'ended', endReason: 'peer-gone', peer: 'left' });
    r.runTimers();
    await settle();
    expect(r.sessions).toHaveLength(1);
    r.hub({ type: 'peer', presence: 'joined' });
    await settle();
    expect(r.sessions).toHaveLength(2);
    expect(r.controller.view().phase).toBe('connecting');
  });

  it('starts over when the specialist comes back as a new peer while the call is down', async () => {
    const r = rig();
    r.controller.start();
    await settle();
    r.sessions[0]!.emit({ type: 'state', state: 'connected' });
    r.hub({ type: 'peer', presence: 'left' });
    r.sessions[0]!.emit({ type: 'state', state: 'reconnecting' });
    r.hub({ type: 'peer', presence: 'joined' });
    await settle();
    expect(r.sessions[0]!.closed()).toBe(true);
    expect(r.sessions).toHaveLength(2);
  });

  it('ends the call when the consult is answered or withdrawn', async () => {
    const r = rig();
    r.controller.start();
    await settle();
    r.sessions[0]!.emit({ type: 'state', state: 'connected' });
    r.change(consult({ state: 'answered' }));
    expect(r.controller.view().phase).toBe('connected');
    r.change(consult({ consultId: CONSULT, state: 'answered' }));
    await settle();
    expect(r.controller.view()).toMatchObject({ phase: 'ended', endReason: 'consult-closed' });
    expect(r.reports.map((x) => x.event)).toEqual(['started', 'ended']);
  });

  it('offers again while a session stays connecting, and stops once it connects', async () => {
    const r = rig();
    r.controller.start();
    await settle();
    const s = r.sessions[0]!;
    expect(r.timers.map((t) => t.ms)).toEqual([CONNECT_WAIT_MS]);
    r.runTimers();
    r.runTimers();
    expect(s.restarts()).toBe(2);
    s.emit({ type: 'state', state: 'connected' });
    r.runTimers();
    expect(s.restarts()).toBe(2);
    expect(r.timers).toEqual([]);
  });

  it('tries again when the hub cannot give ICE servers yet', async () => {
    let fail = true;
    const failing = rig({
      consults: {
        iceConfig: () => (fail ? Promise.reject(new Error('hub away')) : Promise.resolve(ICE)),
        signal: () => Promise.resolve({}),
        callEvents: () => () => undefined,
        changes: () => () => undefined,
        report: () => Promise.reject(new Error('unused')),
      },
    });
    failing.controller.start();
    await settle();
    expect(failing.sessions).toHaveLength(0);
    expect(failing.timers.map((t) => t.ms)).toEqual([RETRY_MS]);
    fail = false;
    failing.runTimers();
    await settle();
    expect(failing.sessions).toHaveLength(1);
  });
});
