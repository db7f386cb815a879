import { SignalData } from '../../../../contract/consults/signal.js';
import type { CallSignal } from '../../../../renderer/components/call/index.js';

/** A signal of the call engine as the contract carries it; null for one the hub would refuse. */
export function toWireSignal(data: CallSignal): SignalData | null {
  const parsed = SignalData.safeParse(data);
  return parsed.success ? parsed.data : null;
}

/** A signal from the hub for the call engine; null for kinds simple-peer never sends (pranswer, rollback). */
export function fromWireSignal(data: SignalData): CallSignal | null {
  if (data.type === 'pranswer' || data.type === 'rollback') return null;
  if (data.type === 'candidate') {
    const { candidate, sdpMid, sdpMLineIndex, usernameFragment } = data.candidate;
    const init: RTCIceCandidateInit = { candidate };
    if (sdpMid !== null && sdpMid !== undefined) init.sdpMid = sdpMid;
    if (sdpMLineIndex !== null && sdpMLineIndex !== undefined) init.sdpMLineIndex = sdpMLineIndex;
    if (usernameFragment !== null && usernameFragment !== undefined) init.usernameFragment = usernameFragment;
    return { type: 'candidate', candidate: init };
  }
  if (data.type === 'transceiverRequest') {
    const { kind, init } = data.transceiverRequest;
    return {
      type: 'transceiverRequest',
      transceiverRequest: init ? { kind, init: init as RTCRtpTransceiverInit } : { kind },
    };
  }
  return data;
}
