import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { callQuality, linkSample } from './link-stats.js';
import type { StatsEntry } from './link-stats.js';

/** A getStats() report shaped as Chromium 13x returns it for a relayed call, at time `t` (ms). */
function chromiumReport(t: number, o: { videoBytes: number; audioBytes: number; videoActive?: boolean }): StatsEntry[] {
  const video = o.videoActive ?? true;
  return [
    { id: 'T01', type: 'transport', timestamp: t, selectedCandidatePairId: 'CPa_b', dtlsState: 'connected' },
    {
      id: 'CPa_b',
      type: 'candidate-pair',
      timestamp: t,
      state: 'succeeded',
      nominated: true,
      availableOutgoingBitrate: 1_113_000,
      currentRoundTripTime: 0.004,
    },
    { id: 'CPold', type: 'candidate-pair', timestamp: t, state: 'failed', nominated: false },
    {
      id: 'OT01V1',
      type: 'outbound-rtp',
      kind: 'video',
      timestamp: t,
      bytesSent: o.videoBytes,
      ...(video
        ? { frameWidth: 640, frameHeight: 360, framesPerSecond: 15, qualityLimitationReason: 'bandwidth' }
        : { qualityLimitationReason: 'none' }),
    },
    { id: 'OT01A2', type: 'outbound-rtp', kind: 'audio', timestamp: t, bytesSent: o.audioBytes },
    { id: 'RI01V1', type: 'remote-inbound-rtp', kind: 'video', timestamp: t - 300, fractionLost: 0.25 },
    { id: 'RI01A2', type: 'remote-inbound-rtp', kind: 'audio', timestamp: t - 2000, fractionLost: 0.0078125 },
    {
      id: 'IT01V3',
      type: 'inbound-rtp',
      kind: 'video',
      timestamp: t,
      bytesReceived: 2 * o.videoBytes,
      framesDecoded: t / 100,
      frameWidth: 480,
      frameHeight: 270,
      framesPerSecond: 12,
    },
    {
      id: 'IT01A4',
      type: 'inbound-rtp',
      kind: 'audio',
      timestamp: t,
      bytesReceived: o.audioBytes,
      totalSamplesReceived: t * 48,
      concealedSamples: t * 12,
    },
  ];
}

describe('linkSample', () => {
  it('reads one second of a Chromium report pair', () => {
    const prev = chromiumReport(10_000, { videoBytes: 100_000, audioBytes: 20_000 });
    const now = chromiumReport(11_000, { videoBytes: 162_500, audioBytes: 23_000 });
    expect(linkSample(prev, new Map(now.map((e) => [e.id, e])), 5)).toEqual({
      at: 5,
      availableOutgoingKbps: 1_113,
      sentVideoKbps: 500,
      sentAudioKbps: 24,
      fractionLost: 0.25,
      rttMs: 4,
      qualityLimitation: 'bandwidth',
    });
  });

  it('takes loss from the audio reports once video stops, not the last video report', () => {
    const prev = chromiumReport(10_000, { videoBytes: 100_000, audioBytes: 20_000, videoActive: false });
    const now = chromiumReport(11_000, { videoBytes: 100_000, audioBytes: 23_000, videoActive: false });
    const sample = linkSample(prev, now, 11_000);
    expect(sample.sentVideoKbps).toBe(0);
    expect(sample.fractionLost).toBe(0.0078125);
    expect(sample.qualityLimitation).toBe('none');
  });

  it('says null for what the report lacks and 0 sent without an earlier report', () => {
    const sample = linkSample(
      null,
      [{ id: 'OT1', type: 'outbound-rtp', kind: 'video', timestamp: 1, bytesSent: 9 }],
      1,
    );
    expect(sample).toEqual({
      at: 1,
      availableOutgoingKbps: null,
      sentVideoKbps: 0,
      sentAudioKbps: 0,
      fractionLost: null,
      rttMs: null,
      qualityLimitation: null,
    });
  });

  it('falls back to the nominated, succeeded pair when no transport names one', () => {
    const report = chromiumReport(1_000, { videoBytes: 0, audioBytes: 0 }).filter((e) => e.type !== 'transport');
    expect(linkSample(null, report, 0).availableOutgoingKbps).toBe(1_113);
  });

  it('is exact bytes × 8 / ms, and never negative when a counter starts over', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: 1e9 }),
        fc.nat({ max: 1e7 }),
        fc.integer({ min: 1, max: 10_000 }),
        fc.nat({ max: 1e9 }),
        (before, added, ms, restart) => {
          const at = 50_000;
          const prev = [{ id: 'V', type: 'outbound-rtp', kind: 'video', timestamp: at, bytesSent: before }];
          const grown = [
            { id: 'V', type: 'outbound-rtp', kind: 'video', timestamp: at + ms, bytesSent: before + added },
          ];
          expect(linkSample(prev, grown, 0).sentVideoKbps).toBe((added * 8) / ms);
          const restarted = [{ id: 'V', type: 'outbound-rtp', kind: 'video', timestamp: at + ms, bytesSent: restart }];
          expect(linkSample(prev, restarted, 0).sentVideoKbps).toBeGreaterThanOrEqual(0);
        },
      ),
    );
  });
});

describe('callQuality', () => {
  it('reports decoded video, what arrived and the concealed share of audio over the interval', () => {
    const prev = chromiumReport(10_000, { videoBytes: 100_000, audioBytes: 20_000 });
    const now = chromiumReport(11_000, { videoBytes: 162_500, audioBytes: 23_000 });
    expect(callQuality(prev, now, 7)).toEqual({
      at: 7,
      inboundVideo: { framesDecoded: 110, width: 480, height: 270, fps: 12 },
      receivedKbps: 1_024,
      audioConcealment: 0.25,
      outboundVideo: { width: 640, height: 360, fps: 15 },
    });
  });

  it('has nothing to show before media arrives', () => {
    expect(callQuality(null, [], 0)).toEqual({
      at: 0,
      inboundVideo: null,
      receivedKbps: null,
      audioConcealment: null,
      outboundVideo: null,
    });
  });

  it('shows no outbound size while video is off', () => {
    const report = chromiumReport(1_000, { videoBytes: 5, audioBytes: 5, videoActive: false });
    expect(callQuality(null, report, 0).outboundVideo).toBeNull();
  });
});
