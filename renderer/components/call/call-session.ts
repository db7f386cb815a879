// One video consult call: simple-peer plus the quality ladder, snapshots, data channel and ICE restarts.
import { classify, encodeControl, isReservedTag } from './channel-messages.js';
import type { ControlMessage } from './channel-messages.js';
import { ClockOffsetEstimator, clockSample } from './clock-offset.js';
import type { ClockSample } from './clock-offset.js';
import { applyMode } from './encodings.js';
import { createLadder } from './ladder.js';
import type { LadderStep, LinkSample } from './ladder.js';
import { callQuality, linkSample } from './link-stats.js';
import type { CallQuality, StatsLike } from './link-stats.js';
import type { CallMode } from './modes.js';
import { openLossyChannel } from './lossy-channel.js';
import { createReconnector } from './reconnect.js';
import { createPeer } from './resilient-peer.js';
import { createSnapshotReceiver, startSnapshots } from './snapshot.js';
import type { Stoppable } from './snapshot.js';

/**
 * What passes between the two sessions over signaling (simple-peer's signal data, as JSON).
 * simple-peer only makes offers and answers; a `pranswer` or `rollback` received is ignored.
 */
export type CallSignal =
  | { type: RTCSdpType; sdp: string }
  | { type: 'candidate'; candidate: RTCIceCandidateInit }
  | { type: 'renegotiate'; renegotiate: true }
  | { type: 'transceiverRequest'; transceiverRequest: { kind: string; init?: RTCRtpTransceiverInit } };

export type CallState = 'connecting' | 'connected' | 'reconnecting' | 'closed' | 'failed';

/** What a session reports. */
export type CallEvent =
  | { type: 'state'; state: CallState; error?: string }
  | { type: 'mode'; mode: CallMode; step: LadderStep }
  /** The mode the other side says it sends in (it goes audio-only on its own link's account). */
  | { type: 'remoteMode'; mode: CallMode }
  | { type: 'remoteStream'; stream: MediaStream }
  /** A data channel message whose first byte is not one the engine keeps (e.g. vitals, 0x10). */
  | { type: 'data'; bytes: Uint8Array }
  /** An object URL of the peer's latest still while it is audio-only; valid until the next. */
  | { type: 'snapshot'; url: string }
  | { type: 'quality'; quality: CallQuality; sample: LinkSample };

export interface CallSessionOptions {
  /** The side that makes offers; the other asks it to when it needs an ICE restart. */
  initiator: boolean;
  iceServers: RTCIceServer[];
  iceTransportPolicy?: RTCIceTransportPolicy;
  localStream: MediaStream;
  sendSignal(data: CallSignal): void;
  onEvent(event: CallEvent): void;
}

/** A running call. */
export interface CallSession {
  signal(data: CallSignal): void;
  /** Switches STUN/TURN servers mid-call (pc.setConfiguration) and restarts ICE onto them. */
  setIceServers(servers: RTCIceServer[]): void;
  restartIce(): void;
  /** Sends application data; its first byte must not be 0x01 or 0x02. False if the channel is not open. */
  sendData(bytes: Uint8Array): boolean;
  /**
   * Sends application data on the lossy channel (unordered, never retransmitted), for data a
   * late copy of is worthless (waveform batches): it never waits behind, nor holds up, the
   * reliable channel. Same tag rule; false if that channel is not open.
   */
  sendLossy(bytes: Uint8Array): boolean;
  /** Bytes waiting to go out on both data channels: a full link shows here first. */
  bufferedAmount(): number;
  /** The other side's wall clock minus this one's (ms) and the round trip it was seen at; null until measured. */
  clockOffset(): ClockSample | null;
  mode(): CallMode;
  history(): readonly LadderStep[];
  quality(): CallQuality | null;
  close(): void;
}

const STATS_INTERVAL_MS = 1_000;
/** Above this many bytes waiting in the data channel a snapshot is skipped: the link is full. */
const SNAPSHOT_BACKLOG_BYTES = 16 * 1024;
/** How long an offer may wait for its answer before a restart replaces it (below the retry interval). */
const OFFER_PATIENCE_MS = 2_500;

/** Starts a call; signaling is the caller's, in both directions. */
export function createCallSession(options: CallSessionOptions): CallSession {
  const { initiator, localStream, onEvent } = options;
  const config: RTCConfiguration = { iceServers: options.iceServers };
  if (options.iceTransportPolicy) config.iceTransportPolicy = options.iceTransportPolicy;
  const { peer, pc } = createPeer({ initiator, trickle: true, config, streams: [localStream], objectMode: true });
  const ladder = createLadder();
  const clock = new ClockOffsetEstimator();
  const lossy = openLossyChannel(pc, (bytes) => receive(bytes));
  const snapshots = createSnapshotReceiver((url) => onEvent({ type: 'snapshot', url }));
  const videoTrack = localStream.getVideoTracks()[0] ?? null;
  let state: CallState = 'connecting';
  let prevReport: StatsLike | null = null;
  let lastQuality: CallQuality | null = null;
  let sendingStills: Stoppable | null = null;
  let offerAt = -Infinity;
  let restartWhenStable = false;
  let encoding: Promise<void> = Promise.resolve();
  let stillId = Math.floor(Math.random() * 0x1_0000_0000);

  const setState = (next: CallState, error?: string) => {
    if (state === next || state === 'closed' || state === 'failed') return;
    state = next;
    onEvent(error ? { type: 'state', state, error } : { type: 'state', state });
  };
  const send = (bytes: Uint8Array) => {
    if (!peer.connected) return false;
    try {
      peer.send(bytes);
      return true;
    } catch {
      return false;
    }
  };

  const receive = (bytes: Uint8Array) => {
    const message = classify(bytes);
    if (message?.kind === 'snapshot') snapshots.accept(message.frame);
    else if (message?.kind === 'data') onEvent({ type: 'data', bytes: message.bytes });
    else if (message?.kind === 'control') onControl(message.message);
  };
  // Pings are answered at once, with this side's wall clock: the other side's estimate of it
  // is what lets a console age a station's reading across the two machines.
  const onControl = (message: ControlMessage) => {
    if (message.type === 'mode') onEvent({ type: 'remoteMode', mode: message.mode });
    else if (message.type === 'ping') {
      const receivedAt = Date.now();
      send(encodeControl({ type: 'pong', pingSentAt: message.sentAt, receivedAt, sentAt: Date.now() }));
    } else clock.add(clockSample(message.pingSentAt, message.receivedAt, message.sentAt, Date.now()));
  };

  /** Puts the encoder, the stills and the peer's view in line with the ladder's mode. */
  const enforceMode = () => {
    const mode = ladder.mode();
    const sender = pc.getSenders().find((s) => s.track?.kind === 'video');
    // One setParameters at a time, each with the mode current when it runs: overlapping calls
    // would refuse each other's transaction, and a late one could restore an older mode.
    if (sender) encoding = encoding.then(() => applyMode(sender, ladder.mode())).then(() => undefined);
    send(encodeControl({ type: 'mode', mode }));
    if (mode === 'audio' && videoTrack && !sendingStills) {
      sendingStills = startSnapshots({
        track: videoTrack,
        send,
        canSend: () => peer.bufferSize < SNAPSHOT_BACKLOG_BYTES,
        nextId: () => (stillId = (stillId + 1) >>> 0),
      });
    } else if (mode !== 'audio' && sendingStills) {
      sendingStills.stop();
      sendingStills = null;
    }
  };

  // The initiator restarts ICE itself; the other side asks it to, with a fresh request each time
  // (simple-peer's own negotiate() would wait forever on a request lost in an outage).
  const restartIce = () => {
    if (state === 'closed' || state === 'failed') return;
    if (!initiator) return options.sendSignal({ type: 'renegotiate', renegotiate: true });
    let rollback = Promise.resolve();
    if (pc.signalingState === 'have-local-offer') {
      // A recent offer is not withdrawn: its answer, still on the way, would be taken for the
      // answer to the next offer and leave the two sides' ICE out of step. This restart waits for
      // it instead (the offer may predate new ICE servers).
      if (performance.now() - offerAt < OFFER_PATIENCE_MS) {
        restartWhenStable = true;
        return;
      }
      // An older one has lost its answer, and would block every later offer: withdraw it.
      rollback = pc.setLocalDescription({ type: 'rollback' });
    }
    void rollback
      .catch(() => undefined)
      .then(() => {
        if (state === 'closed' || state === 'failed') return;
        pc.restartIce();
        peer.negotiate();
      });
  };
  pc.addEventListener('signalingstatechange', () => {
    if (!restartWhenStable || pc.signalingState !== 'stable') return;
    restartWhenStable = false;
    restartIce();
  });
  const healthy = () => pc.iceConnectionState === 'connected' || pc.iceConnectionState === 'completed';
  const reconnector = createReconnector({ restart: restartIce, healthy });

  pc.addEventListener('iceconnectionstatechange', () => {
    reconnector.iceState(pc.iceConnectionState);
    if (state === 'connected' && !healthy() && pc.iceConnectionState !== 'checking') setState('reconnecting');
    if (state === 'reconnecting' && healthy()) {
      setState('connected');
      // An outage is not a thin link: the ladder starts judging the link afresh.
      ladder.resetAfterReconnect();
      enforceMode();
    }
  });
  const onNetworkChange = () => reconnector.networkChanged();
  const connection = (navigator as Navigator & { connection?: EventTarget }).connection;
  window.addEventListener('online', onNetworkChange);
  connection?.addEventListener('change', onNetworkChange);

  peer.on('signal', (data: CallSignal) => {
    if (data.type === 'offer') offerAt = performance.now();
    options.sendSignal(data);
  });
  peer.on('stream', (stream: MediaStream) => onEvent({ type: 'remoteStream', stream }));
  peer.on('connect', () => {
    setState('connected');
    enforceMode();
    send(encodeControl({ type: 'ping', sentAt: Date.now() }));
  });
  peer.on('data', (chunk: unknown) => {
    if (!(chunk instanceof Uint8Array)) return;
    receive(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
  });
  peer.on('error', (error: Error) => setState('failed', error.message));
  peer.on('close', () => {
    stop();
    setState('failed', 'peer connection closed');
  });

  const statsTimer = setInterval(() => {
    // A ping a second keeps the clock estimate fresh; the quickest of the recent ones counts.
    if (state === 'connected') send(encodeControl({ type: 'ping', sentAt: Date.now() }));
    void pc.getStats().then(
      (report) => {
        if (state === 'closed' || state === 'failed') return;
        // Wall-clock time for the history, but monotonic, so the ladder's holds survive clock changes.
        const at = Math.round(performance.timeOrigin + performance.now());
        const sample = linkSample(prevReport, report, at);
        lastQuality = callQuality(prevReport, report, at);
        prevReport = report;
        onEvent({ type: 'quality', quality: lastQuality, sample });
        // Samples from a broken path say nothing about the link that will come back.
        if (state !== 'connected') return;
        const decision = ladder.next(sample);
        if (!decision.changed) return;
        enforceMode();
        const step = ladder.history().at(-1);
        if (step) onEvent({ type: 'mode', mode: decision.mode, step });
      },
      () => undefined,
    );
  }, STATS_INTERVAL_MS);

  function stop() {
    clearInterval(statsTimer);
    reconnector.stop();
    sendingStills?.stop();
    sendingStills = null;
    snapshots.close();
    lossy.close();
    window.removeEventListener('online', onNetworkChange);
    connection?.removeEventListener('change', onNetworkChange);
  }

  return {
    signal(data) {
      if (state === 'closed' || state === 'failed') return;
      if (initiator && data.type === 'renegotiate') return restartIce();
      if (data.type === 'pranswer' || data.type === 'rollback') return;
      // A late answer to an offer withdrawn by a restart would make simple-peer end the call.
      if (data.type === 'answer' && pc.signalingState !== 'have-local-offer') return;
      peer.signal(data as Parameters<typeof peer.signal>[0]);
    },
    setIceServers(servers) {
      pc.setConfiguration({ ...pc.getConfiguration(), iceServers: servers });
      restartIce();
    },
    restartIce,
    sendData(bytes) {
      if (isReservedTag(bytes[0])) throw new RangeError(`data may not start with reserved tag ${bytes[0]}`);
      return send(bytes);
    },
    sendLossy(bytes) {
      if (isReservedTag(bytes[0])) throw new RangeError(`data may not start with reserved tag ${bytes[0]}`);
      return lossy.send(bytes);
    },
    bufferedAmount: () => (peer.connected ? peer.bufferSize : 0) + lossy.bufferedAmount(),
    clockOffset: () => clock.estimate(),
    mode: () => ladder.mode(),
    history: () => ladder.history(),
    quality: () => lastQuality,
    close() {
      if (state === 'closed' || state === 'failed') return;
      stop();
      state = 'closed';
      onEvent({ type: 'state', state });
      peer.destroy();
    },
  };
}
