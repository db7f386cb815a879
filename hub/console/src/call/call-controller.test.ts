import { describe, expect, it } from 'vitest';
import { encodeLiveFrame } from '../../../../contract/consults/live-frame.js';
import type { ConsoleCallReport, ConsultDetail } from '../../../server/consults/console-wire.js';
import type { CallSession, CallSessionOptions, CallSignal } from '../../../../renderer/components/call/index.js';
import type { ConsoleToHub } from '../../../server/consults/console-wire.js';
import { CallController } from './call-controller.js';
import type { CallDeps } from './call-controller.js';

const CONSULT = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
const OTHER = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c';
const OFFER = { t: 'signal', consultId: CONSULT, data: { type: 'offer', sdp: 'v=0' } } as const;

interface FakeSession extends CallSession {
  options: CallSessionOptions;
  received: CallSignal[];
  closed: boolean;
}

function harness(over: Partial<CallDeps> = {}) {
  const sessions: FakeSession[] = [];
  const sent: ConsoleToHub[] = [];
  const reports: ConsoleCallReport[] = [];
  const stopped: unknown[] = [];
  const stream = { id: 'local' } as unknown as MediaStream;
  let ids = 0;
  const deps: CallDeps = {
    consultId: CONSULT,
    ice: async () => ({
      iceServers: [{ urls: 'turn:127.0.0.1:3478', username: 'u', credential: 'c' }],
      iceTransportPolicy: 'relay',
    }),
    call: async () => ({ consultId: CONSULT, state: 'calling' }) as ConsultDetail,
    report: async (_id, report) => void reports.push(report),
    send: (message) => void sent.push(message),
    openMedia: async () => ({ stream, missing: 'none' }),
    stopMedia: (s) => void stopped.push(s),
    createSession: (options) => {
      const session: FakeSession = {
        options,
        received: [],
        closed: false,
        signal: (data) => void session.received.push(data),
        setIceServers: () => undefined,
        restartIce: () => undefined,
        sendData: () => true,
        sendLossy: () => true,
        bufferedAmount: () => 0,
        clockOffset: () => null,
        mode: () => 'v360p15',
        history: () => [],
        quality: () => null,
        close: () => {
          session.closed = true;
          options.onEvent({ type: 'state', state: 'closed' });
        },
      };
      sessions.push(session);
      return session;
    },
    emptyStream: () => ({ id: 'empty' }) as unknown as MediaStream,
    newCallId: () => `0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4b0${ids++}`,
    now: () => 42,
    ...over,
  };
  return { controller: new CallController(deps), sessions, sent, reports, stopped, stream };
}

describe('call controller', () => {
  it('answers as the non-initiator with the hub ICE servers and the local stream, then asks the hub to call', async () => {
    const calls: string[] = [];
    const h = harness({ call: async (id) => (calls.push(id), { consultId: id, state: 'calling' }) as ConsultDetail });
    await h.controller.start();
    expect(calls).toEqual([CONSULT]);
    const [session] = h.sessions;
    expect(session?.options).toMatchObject({ initiator: false, iceTransportPolicy: 'relay', localStream: h.stream });
    expect(session?.options.iceServers).toEqual([{ urls: 'turn:127.0.0.1:3478', username: 'u', credential: 'c' }]);
    expect(h.controller.view()).toMatchObject({ phase: 'active', state: 'connecting', mode: 'v360p15' });
  });

  it('carries signals both ways over the socket, for this consult only', async () => {
    const h = harness();
    await h.controller.start();
    const session = h.sessions[0]!;
    h.controller.handle(OFFER);
    h.controller.handle({ ...OFFER, consultId: OTHER });
    expect(session.received).toEqual([{ type: 'offer', sdp: 'v=0' }]);
    session.options.sendSignal({ type: 'answer', sdp: 'v=0 answer' });
    expect(h.sent).toEqual([{ t: 'signal', consultId: CONSULT, data: { type: 'answer', sdp: 'v=0 answer' } }]);
  });

  it('reports the start when connected, each quality step, and the end, in that order', async () => {
    const h = harness();
    await h.controller.start();
    const { onEvent } = h.sessions[0]!.options;
    onEvent({ type: 'state', state: 'connected' });
    onEvent({ type: 'mode', mode: 'v270p15', step: { at: 1, from: 'v360p15', to: 'v270p15', reason: 'loss' } });
    h.controller.hangUp();
    await h.controller.flushReports();
    const callId = h.reports[0]?.callId;
    expect(h.reports).toEqual([
      { event: 'started', callId, mode: 'v360p15' },
      { event: 'step', callId, from: 'v360p15', to: 'v270p15', reason: 'loss' },
      { event: 'ended', callId },
    ]);
    expect(h.sessions[0]!.closed).toBe(true);
    expect(h.stopped).toEqual([h.stream]);
    expect(h.controller.view()).toMatchObject({ phase: 'ended', mode: 'v270p15' });
  });

  it('takes a new offer after the session failed with a new session, as a new call', async () => {
    const h = harness();
    await h.controller.start();
    const first = h.sessions[0]!;
    first.options.onEvent({ type: 'state', state: 'connected' });
    first.options.onEvent({ type: 'state', state: 'failed', error: 'peer connection closed' });
    h.controller.handle(OFFER);
    expect(h.sessions).toHaveLength(2);
    expect(h.sessions[1]!.received).toEqual([{ type: 'offer', sdp: 'v=0' }]);
    // The old session's late events change nothing.
    first.options.onEvent({ type: 'remoteMode', mode: 'audio' });
    expect(h.controller.view().remoteMode).toBeNull();
    h.sessions[1]!.options.onEvent({ type: 'state', state: 'connected' });
    await h.controller.flushReports();
    expect(h.reports.map((r) => r.event)).toEqual(['started', 'ended', 'started']);
    expect(h.reports[2]?.callId).not.toBe(h.reports[0]?.callId);
  });

  it('puts everything back when the hub refuses to call', async () => {
    const h = harness({
      call: async () => {
        throw new Error('wrong_state');
      },
    });
    await expect(h.controller.start()).rejects.toThrow('wrong_state');
    expect(h.sessions[0]!.closed).toBe(true);
    expect(h.stopped).toEqual([h.stream]);
    expect(h.controller.view().phase).toBe('idle');
  });

  it('shows live readings from the data channel, and what the hub says of the station', async () => {
    const h = harness();
    await h.controller.start();
    const bytes = encodeLiveFrame({
      type: 'reading',
      frameSeq: 0,
      sentAt: 10,
      reading: {
        kind: 'spo2',
        loinc: '59408-5',
        value: 97,
        unit: '%',
        interpretation: 'N',
        measuredAt: 9,
        device: 'ox',
      },
    });
    h.sessions[0]!.options.onEvent({ type: 'data', bytes });
    expect(h.controller.view().liveVersion).toBe(1);
    expect(h.controller.feed.values.get('spo2')).toMatchObject({ value: 97, receivedAt: 42 });
    h.controller.handle({ t: 'peer', consultId: CONSULT, presence: 'left' });
    expect(h.controller.view().stationPresent).toBe(false);
  });
});
