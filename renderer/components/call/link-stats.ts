// Reads two successive getStats() reports into the ladder's LinkSample and a CallQuality. Pure.
import type { LinkSample } from './ladder.js';

/** One entry of an RTCStatsReport, as a plain object. */
export type StatsEntry = { id: string; type: string; timestamp: number } & Record<string, unknown>;

/** An RTCStatsReport, a Map of entries, or a plain array of them. */
export interface StatsLike {
  forEach(callback: (entry: StatsEntry) => void): void;
}

/** What the call looks like right now, for the screen, the history and the tests. */
export interface CallQuality {
  at: number;
  /** The remote camera as decoded here, or null before any video arrived. */
  inboundVideo: {
    framesDecoded: number;
    width: number | null;
    height: number | null;
    fps: number | null;
  } | null;
  /** Everything received in the last interval, kbit/s. */
  receivedKbps: number | null;
  /** The share of received audio that was concealed (made up) in the last interval, 0..1. */
  audioConcealment: number | null;
  /** The local camera as encoded for sending, or null when none is sent. */
  outboundVideo: { width: number | null; height: number | null; fps: number | null } | null;
}

const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

function entries(report: StatsLike | null): Map<string, StatsEntry> {
  const byId = new Map<string, StatsEntry>();
  report?.forEach((entry) => byId.set(entry.id, entry));
  return byId;
}

const ofType = (report: Map<string, StatsEntry>, type: string, kind?: string) =>
  [...report.values()].filter((e) => e.type === type && (kind === undefined || e.kind === kind));

/** kbit/s of a byte counter between two reports, summed over entries; 0 when nothing to compare. */
function rateKbps(prev: Map<string, StatsEntry>, entriesNow: StatsEntry[], field: string): number {
  let kbps = 0;
  for (const now of entriesNow) {
    const before = prev.get(now.id);
    const bytes = num(now[field]);
    const bytesBefore = before ? num(before[field]) : null;
    const ms = before ? now.timestamp - before.timestamp : 0;
    if (bytes !== null && bytesBefore !== null && ms > 0 && bytes >= bytesBefore)
      kbps += ((bytes - bytesBefore) * 8) / ms;
  }
  return kbps;
}

/** The candidate pair the transport selected, or the nominated, succeeded one. */
function selectedPair(report: Map<string, StatsEntry>): StatsEntry | undefined {
  for (const transport of ofType(report, 'transport')) {
    const id = transport.selectedCandidatePairId;
    if (typeof id === 'string' && report.has(id)) return report.get(id);
  }
  return ofType(report, 'candidate-pair').find((pair) => pair.nominated === true && pair.state === 'succeeded');
}

const LIMITATIONS = ['bandwidth', 'cpu', 'none', 'other'] as const;

/**
 * Whether nothing at all arrived on the selected pair between two reports: media, RTCP and STUN
 * answers all stopped, an outage rather than a thin link. Unknown (false) without both counts.
 */
function pairStalled(prev: Map<string, StatsEntry>, pair: StatsEntry | undefined): boolean {
  const before = pair ? prev.get(pair.id) : undefined;
  if (!pair || !before || pair.timestamp <= before.timestamp) return false;
  const bytes = num(pair.bytesReceived);
  return bytes !== null && bytes === num(before.bytesReceived);
}

/**
 * The LinkSample for the interval between two reports. Loss comes from the receiver reports on
 * the video stream while video is sent, else on the audio stream: once video stops, its last
 * report would go on claiming the loss it saw then.
 */
export function linkSample(prevReport: StatsLike | null, report: StatsLike, at: number): LinkSample {
  const prev = entries(prevReport);
  const now = entries(report);
  const videoOut = ofType(now, 'outbound-rtp', 'video');
  const sentVideoKbps = rateKbps(prev, videoOut, 'bytesSent');
  const lossKind = sentVideoKbps > 0 ? 'video' : 'audio';
  const losses = ofType(now, 'remote-inbound-rtp', lossKind)
    .map((e) => num(e.fractionLost))
    .filter((v) => v !== null);
  const pair = selectedPair(now);
  const bitrate = num(pair?.availableOutgoingBitrate);
  const rtt = num(pair?.currentRoundTripTime);
  const limitation = videoOut.map((e) => e.qualityLimitationReason).find((r) => r !== undefined);
  return {
    at,
    availableOutgoingKbps: bitrate === null ? null : bitrate / 1000,
    sentVideoKbps,
    sentAudioKbps: rateKbps(prev, ofType(now, 'outbound-rtp', 'audio'), 'bytesSent'),
    fractionLost: losses.length ? Math.max(...losses) : null,
    rttMs: rtt === null ? null : rtt * 1000,
    qualityLimitation: LIMITATIONS.find((l) => l === limitation) ?? null,
    ...(pairStalled(prev, pair) ? { stalled: true } : {}),
  };
}

/** The received and sent media between two reports, as the screen shows it. */
export function callQuality(prevReport: StatsLike | null, report: StatsLike, at: number): CallQuality {
  const prev = entries(prevReport);
  const now = entries(report);
  const videoIn = ofType(now, 'inbound-rtp', 'video')[0];
  const videoOut = ofType(now, 'outbound-rtp', 'video').find((e) => num(e.frameWidth) !== null);
  const inbound = ofType(now, 'inbound-rtp');
  let concealed = 0;
  let total = 0;
  for (const audio of ofType(now, 'inbound-rtp', 'audio')) {
    const before = prev.get(audio.id);
    concealed += (num(audio.concealedSamples) ?? 0) - (num(before?.concealedSamples) ?? 0);
    total += (num(audio.totalSamplesReceived) ?? 0) - (num(before?.totalSamplesReceived) ?? 0);
  }
  return {
    at,
    inboundVideo: videoIn
      ? {
          framesDecoded: num(videoIn.framesDecoded) ?? 0,
          width: num(videoIn.frameWidth),
          height: num(videoIn.frameHeight),
          fps: num(videoIn.framesPerSecond),
        }
      : null,
    receivedKbps: prevReport && inbound.length ? rateKbps(prev, inbound, 'bytesReceived') : null,
    audioConcealment: total > 0 ? concealed / total : null,
    outboundVideo: videoOut
      ? { width: num(videoOut.frameWidth), height: num(videoOut.frameHeight), fps: num(videoOut.framesPerSecond) }
      : null,
  };
}
