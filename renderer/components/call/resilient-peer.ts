// simple-peer, kept alive through ICE failure so the call can restart ICE instead of ending.
import SimplePeer from 'simple-peer';
import type { Instance, Options } from 'simple-peer';

/** simple-peer's internals this file relies on (simple-peer 9.11). */
interface PeerInternals {
  _pc: RTCPeerConnection;
  /** Offers anew (initiator) or asks the initiator to (the other side); missing from @types. */
  negotiate(): void;
  _onIceStateChange(): void;
  _onConnectionStateChange(): void;
  _addIceCandidate(candidate: RTCIceCandidateInit): void;
}

const Base = SimplePeer as unknown as new (options: Options) => Instance & PeerInternals;

/**
 * simple-peer destroys itself when ICE or the connection reports `failed`, or when a candidate is
 * refused. A village link fails
 * for minutes at a time; the same peer connection (and its data channel) come back after
 * restartIce(), so here `failed` is left to the call session.
 */
class ResilientPeer extends Base {
  override _onIceStateChange(): void {
    if (this._pc?.iceConnectionState === 'failed') return;
    super._onIceStateChange();
  }

  override _onConnectionStateChange(): void {
    if (this._pc?.connectionState === 'failed') return;
    super._onConnectionStateChange();
  }

  // After an ICE restart, candidates of the previous generation may still arrive: the browser
  // refuses them (unknown ufrag), which is no reason to end the call as simple-peer would.
  override _addIceCandidate(candidate: RTCIceCandidateInit): void {
    this._pc.addIceCandidate(candidate).catch(() => undefined);
  }
}

/** A simple-peer instance that survives ICE failure, and its RTCPeerConnection. */
export function createPeer(options: Options): {
  peer: Instance & Pick<PeerInternals, 'negotiate'>;
  pc: RTCPeerConnection;
} {
  const peer = new ResilientPeer(options);
  return { peer, pc: peer._pc };
}
