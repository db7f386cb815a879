// The call's second data channel: unordered and never retransmitted, for data a late copy of is worthless.

/** Agreed out of band (the same id on both sides), so opening it needs no renegotiation. */
export const LOSSY_CHANNEL_ID = 1001;

/** A data channel that drops rather than resends or reorders-and-waits. */
export interface LossyChannel {
  /** False when the channel is not open or refused the message. */
  send(bytes: Uint8Array): boolean;
  bufferedAmount(): number;
  close(): void;
}

/** Opens the lossy channel on `pc`; both sides of a call must open it. */
export function openLossyChannel(pc: RTCPeerConnection, onBytes: (bytes: Uint8Array) => void): LossyChannel {
  const channel = pc.createDataChannel('lossy', {
    negotiated: true,
    id: LOSSY_CHANNEL_ID,
    ordered: false,
    maxRetransmits: 0,
  });
  channel.binaryType = 'arraybuffer';
  channel.addEventListener('message', (event: MessageEvent) => {
    if (event.data instanceof ArrayBuffer) onBytes(new Uint8Array(event.data));
  });
  return {
    send(bytes) {
      if (channel.readyState !== 'open') return false;
      try {
        channel.send(bytes as Uint8Array<ArrayBuffer>);
        return true;
      } catch {
        return false;
      }
    },
    bufferedAmount: () => channel.bufferedAmount,
    close: () => channel.close(),
  };
}
