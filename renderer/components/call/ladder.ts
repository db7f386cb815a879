// The quality ladder: picks the call's mode each second from what the link reports. No DOM.
import { FLOOR_KBPS, FLOOR_MODE, MODES, TOP_MODE, needKbps, neighbour, rank } from './modes.js';
import type { CallMode } from './modes.js';

/** One second of the link as the sender sees it (from RTCPeerConnection.getStats()). */
export interface LinkSample {
  /** When it was read, in ms. */
  at: number;
  /** The selected candidate pair's availableOutgoingBitrate, the sender's bandwidth estimate. */
  availableOutgoingKbps: number | null;
  sentVideoKbps: number;
  sentAudioKbps: number;
  /** The peer's last receiver report, 0..1. */
  fractionLost: number | null;
  rttMs: number | null;
  qualityLimitation: 'bandwidth' | 'cpu' | 'none' | 'other' | null;
}

/** Why the ladder moved. */
export type LadderReason =
  'estimate-below-floor' | 'estimate-below-need' | 'loss' | 'cpu' | 'headroom' | 'probe' | 'probe-failed';

/** One move of the ladder, kept for the consult's history. */
export interface LadderStep {
  at: number;
  from: CallMode;
  to: CallMode;
  reason: LadderReason;
}

/** The ladder's answer to one sample. */
export interface LadderDecision {
  mode: CallMode;
  changed: boolean;
  reason: LadderReason | null;
}

/** The ladder's thresholds; the defaults are what the tests and the Chromium runs were made with. */
export interface LadderTuning {
  /** Consecutive bad samples before stepping down. */
  downSamples: number;
  /** Loss above which a sample counts as bad. */
  lossDown: number;
  /** Loss at or below which a sample allows stepping up. */
  lossUp: number;
  /** Consecutive CPU-limited samples before stepping down (never into audio). */
  cpuSamples: number;
  /** How long the link must stay good before stepping up; after a failed probe the start of the doubling. */
  holdMs: number;
  /** The longest hold a series of failed probes can build up. */
  maxHoldMs: number;
  /** How long after a step up a step down counts as a failed probe. */
  probeWindowMs: number;
  /** Right after a step up the estimate still reflects the old mode: it is not judged this long. */
  probeGraceMs: number;
  /** Chromium starts from a guess of 300 kbit/s and probes for a few seconds: not judged either. */
  startGraceMs: number;
  /** The estimate that proves room for the next mode, as a multiple of that mode's need. */
  headroom: number;
}

export const DEFAULT_TUNING: LadderTuning = {
  downSamples: 2,
  lossDown: 0.1,
  lossUp: 0.02,
  cpuSamples: 5,
  holdMs: 4_000,
  maxHoldMs: 20_000,
  probeWindowMs: 5_000,
  probeGraceMs: 1_500,
  startGraceMs: 5_000,
  headroom: 1.5,
};

/** A ladder controller: feed it a sample a second, apply the mode it returns. */
export interface Ladder {
  next(sample: LinkSample): LadderDecision;
  mode(): CallMode;
  history(): readonly LadderStep[];
}

/** The highest video mode the estimate carries, `FLOOR_MODE` between the floor and its need, else audio. */
export function modeForEstimate(kbps: number): CallMode {
  const fits = MODES.find((mode) => mode !== 'audio' && needKbps(mode) <= kbps);
  return fits ?? (kbps >= FLOOR_KBPS ? FLOOR_MODE : 'audio');
}

/** The estimate below which a mode is left: its need, or for the floor mode the floor itself. */
export function keepKbps(mode: CallMode): number {
  return mode === FLOOR_MODE ? FLOOR_KBPS : needKbps(mode);
}

/** The estimate that proves room for the mode above this one. */
export function headroomKbps(mode: CallMode, tuning: LadderTuning = DEFAULT_TUNING): number {
  const up = neighbour(mode, 'up');
  return up ? tuning.headroom * needKbps(up) : Infinity;
}

/**
 * Starts a ladder at `start` (the top by default). Every step up is a probe: a step down within
 * the probe window, or an estimate short of the mode at its end, goes back and doubles the hold
 * before that level is tried again; holds are forgiven once a higher mode has lasted. Room shown by
 * the estimate steps up after the base hold whatever failed before; without it the ladder still
 * probes, because Chromium's estimate never rises above what it last probed while the sender is
 * application-limited, and only a mode that allows more makes it probe again.
 */
export function createLadder(start: CallMode = TOP_MODE, tuning: LadderTuning = DEFAULT_TUNING): Ladder {
  let mode = start;
  const steps: LadderStep[] = [];
  const holdMs = new Map<CallMode, number>();
  let streaks = { floor: 0, low: 0, loss: 0, cpu: 0 };
  let goodSince: number | null = null;
  let room = { since: null as number | null, count: 0 };
  let probe: { from: CallMode; at: number } | null = null;
  let startAt: number | null = null;
  let modeSince = -Infinity;
  let aftermath: { until: number; holdMs: number } | null = null;

  const hold = (level: CallMode) => holdMs.get(level) ?? tuning.holdMs;
  const move = (at: number, to: CallMode, reason: LadderReason): LadderDecision => {
    steps.push({ at, from: mode, to, reason });
    if (rank(to) < rank(mode)) probe = { from: mode, at };
    mode = to;
    modeSince = at;
    streaks = { floor: 0, low: 0, loss: 0, cpu: 0 };
    room = { since: null, count: 0 };
    goodSince = at;
    return { mode, changed: true, reason };
  };

  const stepDown = (sample: LinkSample): LadderDecision | null => {
    if (mode === 'audio') return null;
    const n = tuning.downSamples;
    let target: CallMode | null = null;
    let reason: LadderReason = 'loss';
    if (streaks.floor >= n) [target, reason] = ['audio', 'estimate-below-floor'];
    else if (streaks.low >= n)
      [target, reason] = [modeForEstimate(sample.availableOutgoingKbps ?? 0), 'estimate-below-need'];
    else if (streaks.loss >= n) target = neighbour(mode, 'down');
    else if (streaks.cpu >= tuning.cpuSamples && mode !== FLOOR_MODE)
      [target, reason] = [neighbour(mode, 'down'), 'cpu'];
    if (!target || rank(target) <= rank(mode)) return null;
    if (probe) return failProbe(sample.at, target);
    // A fall right after a failed probe is that probe's aftermath: the level it lands on waits as long.
    if (aftermath && sample.at <= aftermath.until) holdMs.set(target, Math.max(aftermath.holdMs, hold(target)));
    return move(sample.at, target, reason);
  };

  // A probe that fails goes back where it came from and waits twice as long before the next. If
  // the estimate drops it lower still, that level waits as long, or it would climb straight back.
  const failProbe = (at: number, target: CallMode): LadderDecision => {
    const from = probe?.from ?? target;
    const landing = rank(target) < rank(from) ? from : target;
    const doubled = Math.min(tuning.maxHoldMs, 2 * hold(from));
    holdMs.set(from, doubled);
    holdMs.set(landing, Math.max(doubled, hold(landing)));
    probe = null;
    aftermath = { until: at + tuning.probeWindowMs, holdMs: doubled };
    return move(at, landing, 'probe-failed');
  };

  // At the end of its window a probe must show an estimate that keeps the mode, not merely no fall.
  const endProbe = (sample: LinkSample): LadderDecision | null => {
    if (!probe || sample.at - probe.at <= tuning.probeWindowMs) return null;
    const est = sample.availableOutgoingKbps;
    if (mode !== 'audio' && est !== null && est < keepKbps(mode)) return failProbe(sample.at, probe.from);
    probe = null;
    return null;
  };

  // Holds built up below a mode are forgiven once that mode has lasted the longest hold.
  const forgive = (at: number) => {
    if (at - modeSince < tuning.maxHoldMs) return;
    for (const level of holdMs.keys()) if (rank(level) > rank(mode)) holdMs.delete(level);
  };

  const stepUp = (sample: LinkSample): LadderDecision | null => {
    const up = neighbour(mode, 'up');
    if (!up) return null;
    const { at, availableOutgoingKbps: est } = sample;
    const lossOk = sample.fractionLost === null || sample.fractionLost <= tuning.lossUp;
    // A 'bandwidth' limitation is no bar: Chromium goes on reporting it for ~15 s after the link
    // has room again, while its encoder slowly undoes its own adaptation.
    const good =
      lossOk && sample.qualityLimitation !== 'cpu' && (mode === 'audio' || (est !== null && est >= needKbps(mode)));
    goodSince = good ? (goodSince ?? at) : null;
    room =
      good && est !== null && est >= headroomKbps(mode, tuning)
        ? { since: room.since ?? at, count: room.count + 1 }
        : { since: null, count: 0 };
    // Audio alone probes nothing, so its estimate seldom shows room; when Chromium does probe by
    // itself (some 20 s after losses end) the room it finds is taken at once.
    const roomHeld =
      mode === 'audio' ? room.count >= tuning.downSamples : room.since !== null && at - room.since >= tuning.holdMs;
    if (roomHeld) return move(at, up, 'headroom');
    // Without room shown, one probe at a time: the mode reached by the last must prove itself first.
    if (!probe && goodSince !== null && at - goodSince >= hold(mode)) return move(at, up, 'probe');
    return null;
  };

  return {
    next(sample) {
      startAt ??= sample.at;
      const ended = endProbe(sample);
      if (ended) return ended;
      forgive(sample.at);
      const settled = sample.at - startAt >= tuning.startGraceMs;
      const judgeEstimate = settled && (!probe || sample.at - probe.at >= tuning.probeGraceMs);
      const est = judgeEstimate ? sample.availableOutgoingKbps : null;
      streaks = {
        floor: est !== null && est < FLOOR_KBPS ? streaks.floor + 1 : 0,
        low: est !== null && est < needKbps(mode) ? streaks.low + 1 : 0,
        loss: sample.fractionLost !== null && sample.fractionLost > tuning.lossDown ? streaks.loss + 1 : 0,
        cpu: sample.qualityLimitation === 'cpu' ? streaks.cpu + 1 : 0,
      };
      return stepDown(sample) ?? (settled ? stepUp(sample) : null) ?? { mode, changed: false, reason: null };
    },
    mode: () => mode,
    history: () => steps,
  };
}
