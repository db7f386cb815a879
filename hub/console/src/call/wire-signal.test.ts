import { describe, expect, it } from 'vitest';
import { fromWireSignal, toWireSignal } from './wire-signal.js';

describe('wire signals', () => {
  it('carries offers, answers, candidates and renegotiation both ways unchanged', () => {
    const signals = [
      { type: 'offer', sdp: 'v=0\r\n' },
      { type: 'answer', sdp: 'v=0\r\n' },
      {
        type: 'candidate',
        candidate: { candidate: 'candidate:1 1 udp 1 10.0.0.1 9 typ host', sdpMid: '0', sdpMLineIndex: 0 },
      },
      { type: 'renegotiate', renegotiate: true },
      { type: 'transceiverRequest', transceiverRequest: { kind: 'video' } },
    ] as const;
    for (const signal of signals) {
      const wire = toWireSignal(signal);
      expect(wire).toEqual(signal);
      expect(fromWireSignal(wire!)).toEqual(signal);
    }
  });

  it('refuses what the hub would refuse and drops kinds the engine never uses', () => {
    expect(toWireSignal({ type: 'offer', sdp: 'x'.repeat(70_000) })).toBeNull();
    expect(fromWireSignal({ type: 'rollback', sdp: '' })).toBeNull();
    expect(
      fromWireSignal({ type: 'candidate', candidate: { candidate: 'c', sdpMid: null, sdpMLineIndex: null } }),
    ).toEqual({
      type: 'candidate',
      candidate: { candidate: 'c' },
    });
  });
});
