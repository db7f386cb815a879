import { describe, expect, it } from 'vitest';
import type { SignalData } from '../../../../contract/index.js';
import type { CallSignal } from '../../../components/call/index.js';
import { fromWire, toWire } from './signal-bridge.js';

const offer: CallSignal = { type: 'offer', sdp: 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\n' };
const candidate: CallSignal = {
  type: 'candidate',
  candidate: { candidate: 'candidate:1 1 udp 2122260223 192.168.1.5 54321 typ host', sdpMLineIndex: 0, sdpMid: '0' },
};

describe('signaling between the call engine and the contract', () => {
  it('carries what simple-peer makes both ways unchanged', () => {
    for (const signal of [
      offer,
      { type: 'answer', sdp: 'v=0\r\n' },
      candidate,
      { type: 'renegotiate', renegotiate: true },
      { type: 'transceiverRequest', transceiverRequest: { kind: 'video', init: { direction: 'sendrecv' } } },
    ] satisfies CallSignal[]) {
      const wire = toWire(signal);
      expect(wire).not.toBeNull();
      expect(fromWire(wire as SignalData)).toEqual(signal);
    }
  });

  it('does not send what the contract refuses', () => {
    expect(toWire({ type: 'offer', sdp: 'x'.repeat(64 * 1024 + 1) })).toBeNull();
    expect(toWire({ type: 'candidate', candidate: { sdpMid: '0' } })).toBeNull();
    expect(toWire({ ...offer, extra: 1 } as CallSignal)).toBeNull();
  });

  it('drops what no call engine sends', () => {
    expect(fromWire({ type: 'pranswer', sdp: 'v=0' })).toBeNull();
    expect(fromWire({ type: 'rollback', sdp: '' })).toBeNull();
  });
});
