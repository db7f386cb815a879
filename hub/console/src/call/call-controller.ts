import type { CallMode } from '../../../../contract/consults/consult.js';
import type {
  ConsoleCallReport,
  ConsultDetail,
  HubToConsole,
  IceConfig,
} from '../../../server/consults/console-wire.js';
import type {
  CallEvent,
  CallQuality,
  CallSession,
  CallSessionOptions,
  CallState,
  LadderStep,
} from '../../../../renderer/components/call/index.js';
import type { ConsoleToHub } from '../../../server/consults/console-wire.js';
import type { LocalMedia } from '../settings/local-media.js';
import { LiveFeed } from './live-feed.js';
import { createReportQueue } from './report-queue.js';
import { fromWireSignal, toWireSignal } from './wire-signal.js';

/** What the call panel shows. */
export interface CallView {
  /** idle: no call; starting: opening camera and asking the station; active: a session runs; ended. */
  readonly phase: 'idle' | 'starting' | 'active' | 'ended';
  readonly state: CallState | null;
  /** The mode this console sends in. */
  readonly mode: CallMode | null;
  /** The mode the station says it sends in: what the specialist sees. */
  readonly remoteMode: CallMode | null;
  readonly localStream: MediaStream | null;
  readonly remoteStream: MediaStream | null;
  /** The station's latest still while it is audio-only. */
  readonly snapshotUrl: string | null;
  readonly quality: CallQuality | null;
  readonly missingMedia: LocalMedia['missing'];
  /** Whether the station is in the call, as the hub last said; null before it said. */
  readonly stationPresent: boolean | null;
  readonly refused: 'not_found' | 'no_call' | null;
  /** Bumped with every new live reading. */
  readonly liveVersion: number;
}

const IDLE: CallView = {
  phase: 'idle',
  state: null,
  mode: null,
  remoteMode: null,
  localStream: null,
  remoteStream: null,
  snapshotUrl: null,
  quality: null,
  missingMedia: 'none',
  stationPresent: null,
  refused: null,
  liveVersion: 0,
};

/** What the controller needs from the rest of the console, so tests can give fakes. */
export interface CallDeps {
  readonly consultId: string;
  ice(consultId: string): Promise<IceConfig>;
  call(consultId: string): Promise<ConsultDetail>;
  report(consultId: string, report: ConsoleCallReport): Promise<void>;
  send(message: ConsoleToHub): void;
  openMedia(): Promise<LocalMedia>;
  stopMedia(stream: MediaStream | null): void;
  createSession(options: CallSessionOptions): CallSession;
  /** An empty stream for a call without camera or microphone. */
  emptyStream(): MediaStream;
  newCallId(): string;
  now(): number;
}

interface Running {
  readonly session: CallSession;
  readonly callId: string;
  started: boolean;
}

/**
 * One consult's call on the specialist's side. The console is not the initiator: it makes its
 * session, asks the hub to call the station, and answers the offer the station makes on joining.
 * Signals cross the hub socket both ways; start, quality steps and end go to the hub's record.
 * When the station comes back with a new offer after the session failed (it reloaded), a new
 * session takes it, as a new call of the same consult.
 */
export class CallController {
  private current: CallView = IDLE;
  private running: Running | null = null;
  private ice: IceConfig | null = null;
  private readonly listeners = new Set<() => void>();
  private readonly reports: ReturnType<typeof createReportQueue>;
  readonly feed = new LiveFeed();

  constructor(private readonly deps: CallDeps) {
    this.reports = createReportQueue((report) => deps.report(deps.consultId, report));
  }

  view(): CallView {
    return this.current;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The quality figures and the ladder's steps of the session now running. */
  session(): CallSession | null {
    return this.running?.session ?? null;
  }

  /** Opens camera and microphone, makes the session, then asks the hub to ring the station. */
  async start(): Promise<ConsultDetail> {
    if (this.current.phase === 'starting' || this.current.phase === 'active') throw new Error('call already running');
    this.update({ ...IDLE, phase: 'starting' });
    let media: LocalMedia | null = null;
    try {
      const [ice, opened] = await Promise.all([this.deps.ice(this.deps.consultId), this.deps.openMedia()]);
      media = opened;
      this.ice = ice;
      this.update({ phase: 'active', localStream: media.stream, missingMedia: media.missing });
      this.open();
      return await this.deps.call(this.deps.consultId);
    } catch (error) {
      this.end();
      this.deps.stopMedia(media?.stream ?? null);
      this.update({ ...IDLE });
      throw error;
    }
  }

  /** A hub message; only those about this consult matter. */
  handle(message: HubToConsole): void {
    if (!('consultId' in message) || message.consultId !== this.deps.consultId) return;
    if (message.t === 'peer') this.update({ stationPresent: message.presence === 'joined' });
    if (message.t === 'signal_refused') this.update({ refused: message.reason });
    if (message.t !== 'signal' || this.current.phase !== 'active') return;
    const signal = fromWireSignal(message.data);
    if (!signal) return;
    // The station started over (a reload, a new join): the old session cannot take its offer.
    if (signal.type === 'offer' && this.dead()) this.open();
    this.running?.session.signal(signal);
  }

  /** Ends the call: the session closes, the camera goes off, and the hub hears of the end. */
  hangUp(): void {
    if (this.current.phase !== 'active' && this.current.phase !== 'starting') return;
    this.end();
    this.deps.stopMedia(this.current.localStream);
    this.update({ phase: 'ended', state: 'closed', localStream: null, remoteStream: null, snapshotUrl: null });
  }

  /** Waits until every report so far has been delivered or given up. */
  flushReports(): Promise<void> {
    return this.reports.idle();
  }

  private dead(): boolean {
    return this.current.state === 'failed' || this.current.state === 'closed' || this.running === null;
  }

  private open(): void {
    this.end();
    const ice = this.ice;
    if (!ice) return;
    const consultId = this.deps.consultId;
    let running: Running | null = null;
    const session = this.deps.createSession({
      initiator: false,
      iceServers: ice.iceServers,
      iceTransportPolicy: ice.iceTransportPolicy,
      localStream: this.current.localStream ?? this.deps.emptyStream(),
      sendSignal: (data) => {
        const wire = toWireSignal(data);
        if (wire) this.deps.send({ t: 'signal', consultId, data: wire });
      },
      // Events of a session that was replaced or ended are of no interest any more.
      onEvent: (event) => {
        if (running !== null && this.running === running) this.onEvent(running, event);
      },
    });
    running = { session, callId: this.deps.newCallId(), started: false };
    this.running = running;
    this.update({ state: 'connecting', mode: session.mode(), remoteStream: null, snapshotUrl: null });
  }

  private end(): void {
    const running = this.running;
    if (!running) return;
    this.running = null;
    running.session.close();
    if (running.started) this.reports.push({ event: 'ended', callId: running.callId });
  }

  private onEvent(running: Running, event: CallEvent): void {
    switch (event.type) {
      case 'state':
        if (event.state === 'connected' && !running.started) {
          running.started = true;
          this.reports.push({ event: 'started', callId: running.callId, mode: running.session.mode() });
        }
        this.update({ state: event.state });
        return;
      case 'mode':
        if (running.started) this.reports.push(stepReport(running.callId, event.step));
        this.update({ mode: event.mode });
        return;
      case 'remoteMode':
        this.update({ remoteMode: event.mode });
        return;
      case 'remoteStream':
        this.update({ remoteStream: event.stream });
        return;
      case 'snapshot':
        this.update({ snapshotUrl: event.url });
        return;
      case 'quality':
        this.update({ quality: event.quality });
        return;
      case 'data':
        if (
          this.feed.receive(event.bytes, this.deps.now(), this.session()?.clockOffset() ?? null) &&
          this.feed.version !== this.current.liveVersion
        ) {
          this.update({ liveVersion: this.feed.version });
        }
        return;
    }
  }

  private update(change: Partial<CallView>): void {
    this.current = { ...this.current, ...change };
    for (const listener of this.listeners) listener();
  }
}

/** A ladder step as the hub records it. */
export function stepReport(callId: string, step: LadderStep): ConsoleCallReport {
  return { event: 'step', callId, from: step.from, to: step.to, reason: step.reason.slice(0, 200) };
}
