// The quality ladder: picks the call's mode each second from what the link reports. No DOM.
import { FLOOR_KBPS, FLOOR_MODE, MODES, TOP_MODE, needKbps, neighbour, rank } from './modes.js';
import type { CallMode } from './modes.js';
import { DEFAULT_TUNING } from './ladder-tuning.js';
import type { LadderTuning } from './ladder-tuning.js';

export { DEFAULT_TUNING } from './ladder-tuning.js';
export type { LadderTuning } from './ladder-tuning.js';

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
  /** Nothing arrived from the peer in the interval (an outage, not a thin link); absent means false. */
  stalled?: boolean;
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

/** A ladder controller: feed it a sample a second, apply the mode it returns. */
export interface Ladder {
  next(sample: LinkSample): LadderDecision;
  mode(): CallMode;
  history(): readonly LadderStep[];
  /** After ICE reconnects: the estimate starts over, so restart the start grace and forget the holds. */
  resetAfterReconnect(): void;
}

/**
 * Whether a sample's estimate says nothing about the link: the sender is not bandwidth-limited,
 * or sends well short of what the estimate allows. Chromium only raises its estimate when the
 * sender fills it, so a camera with little to send leaves it frozen at whatever it last was.
 */
export function estimateStale(sample: LinkSample, mode: CallMode, tuning: LadderTuning = DEFAULT_TUNING): boolean {
  if (mode === 'audio') return false;
  if (sample.qualityLimitation !== 'bandwidth') return true;
  const sent = sample.sentVideoKbps + sample.sentAudioKbps;
  const est = sample.availableOutgoingKbps ?? 0;
  return sent < tuning.staleShare * Math.min(needKbps(mode), est);
}

/** The highest mode whose climb from below is not taken on headroom alone while loss is recent. */
const LOW_RATE_MODE: CallMode = 'v270p15';

/** How far above where it started an estimate must be to count as still ramping up. */
const RAMP_RATIO = 1.3;

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
 * the probe window (or within the loss memory), or a live estimate short of the mode at its end,
 * goes back and doubles the hold before that level is tried again; holds are forgiven once a
 * higher mode has lasted without loss. A stale estimate (the sender does not fill it) is not
 * judged: loss alone decides then, because Chromium's estimate never rises above what it last
 * probed while the sender is application-limited. Room shown by the estimate steps up after the
 * base hold, except at low rates within a hold of loss, where the estimate overshoots a cap that
 * drops. Samples in which nothing arrived are outages and are skipped; a grace follows them.
 */
export function createLadder(start: CallMode = TOP_MODE, tuning: LadderTuning = DEFAULT_TUNING): Ladder {
  let mode = start;
  const steps: LadderStep[] = [];
  const holdMs = new Map<CallMode, number>();
  let streaks = { floor: 0, low: 0, loss: 0, cpu: 0 };
  let goodSince: number | null = null;
  let room = { since: null as number | null, count: 0 };
  let probe: { from: CallMode; at: number } | null = null;
  let est: number | null = null;
  // Where the estimate last had to climb from (a probe, the end of an outage), and until when,
  // to tell an estimate still ramping up from one that falls short.
  let climb: { from: number | null; until: number } | null = null;
  let startAt: number | null = null;
  let modeSince = -Infinity;
  let aftermath: { until: number; holdMs: number } | null = null;
  let lossAt = -Infinity;
  let stalled = false;
  // The last step up, even once its probe has passed: loss soon after still blames it.
  let lastUp: { from: CallMode; at: number } | null = null;

  const hold = (level: CallMode) => holdMs.get(level) ?? tuning.holdMs;
  const move = (at: number, to: CallMode, reason: LadderReason): LadderDecision => {
    steps.push({ at, from: mode, to, reason });
    if (rank(to) < rank(mode)) {
      probe = { from: mode, at };
      lastUp = { from: mode, at };
      climb = { from: est, until: at + 2 * tuning.probeWindowMs };
    }
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
    // Every signal that calls for a step names its target; the lowest wins, so an estimate that
    // still carries the mode (overshooting a dropping cap) does not mask the loss.
    const calls: [CallMode | null, LadderReason][] = [
      [streaks.floor >= n ? 'audio' : null, 'estimate-below-floor'],
      [streaks.low >= n ? modeForEstimate(sample.availableOutgoingKbps ?? 0) : null, 'estimate-below-need'],
      [streaks.loss >= n ? neighbour(mode, 'down') : null, 'loss'],
      [streaks.cpu >= tuning.cpuSamples && mode !== FLOOR_MODE ? neighbour(mode, 'down') : null, 'cpu'],
    ];
    let target: CallMode | null = null;
    let reason: LadderReason = 'loss';
    for (const [to, why] of calls) if (to && (!target || rank(to) > rank(target))) [target, reason] = [to, why];
    if (!target || rank(target) <= rank(mode)) return null;
    // Loss from a cap that drops in bursts, or an estimate sinking slowly, can come after a probe's
    // window has passed: within the loss memory the fall still fails that probe, or the ladder would
    // retry it after the base hold.
    const lateFall = reason !== 'cpu' && lastUp !== null && sample.at - lastUp.at < tuning.lossMemoryMs;
    if (probe || lateFall) return failProbe(sample.at, target);
    // A fall right after a failed probe is that probe's aftermath: the level it lands on waits as long.
    if (aftermath && sample.at <= aftermath.until) holdMs.set(target, Math.max(aftermath.holdMs, hold(target)));
    return move(sample.at, target, reason);
  };

  // A probe that fails goes back where it came from and waits twice as long before the next. If
  // the estimate drops it lower still, that level waits as long, or it would climb straight back.
  const failProbe = (at: number, target: CallMode): LadderDecision => {
    const from = probe?.from ?? lastUp?.from ?? target;
    const landing = rank(target) < rank(from) ? from : target;
    const doubled = Math.min(tuning.maxHoldMs, 2 * hold(from));
    holdMs.set(from, doubled);
    holdMs.set(landing, Math.max(doubled, hold(landing)));
    probe = null;
    lastUp = null;
    aftermath = { until: at + tuning.probeWindowMs, holdMs: doubled };
    return move(at, landing, 'probe-failed');
  };

  // Chromium ramps its estimate up some 8 % a second once the sender fills it: while it is clearly
  // rising it is not judged, for up to two probe windows.
  const ramping = (at: number): boolean =>
    climb !== null && climb.from !== null && est !== null && est >= RAMP_RATIO * climb.from && at <= climb.until;

  // At the end of its window a probe must show an estimate that keeps the mode, not merely no fall;
  // a stale estimate proves nothing either way, and then the window without loss is the proof.
  const endProbe = (sample: LinkSample): LadderDecision | null => {
    if (!probe) return null;
    const since = sample.at - probe.at;
    // An estimate that already carries the mode, with no loss since the step, proves it early.
    const proven = since >= tuning.probeGraceMs && lossAt < probe.at && est !== null && est >= needKbps(mode);
    if (!proven && (since <= tuning.probeWindowMs || ramping(sample.at))) return null;
    if (mode !== 'audio' && est !== null && est < keepKbps(mode) && !estimateStale(sample, mode, tuning))
      return failProbe(sample.at, probe.from);
    probe = null;
    return null;
  };

  // Holds built up below a mode are forgiven once that mode has lasted the longest hold without loss.
  const forgive = (at: number) => {
    // A mode that loses packets has not proved the link, however long it lasts.
    if (at - modeSince < tuning.maxHoldMs || at - lossAt < tuning.maxHoldMs) return;
    for (const level of holdMs.keys()) if (rank(level) > rank(mode)) holdMs.delete(level);
  };

  const stepUp = (sample: LinkSample): LadderDecision | null => {
    const up = neighbour(mode, 'up');
    if (!up) return null;
    const { at } = sample;
    const lossOk = sample.fractionLost === null || sample.fractionLost <= tuning.lossUp;
    // A 'bandwidth' limitation is no bar: Chromium goes on reporting it for ~15 s after the link
    // has room again, while its encoder slowly undoes its own adaptation.
    // A stale estimate short of the mode is no bar either, unless loss was seen lately.
    const lossSeen = at - lossAt < tuning.lossMemoryMs;
    const estOk =
      mode === 'audio' || (est !== null && est >= needKbps(mode)) || (estimateStale(sample, mode, tuning) && !lossSeen);
    const good = lossOk && sample.qualityLimitation !== 'cpu' && estOk;
    goodSince = good ? (goodSince ?? at) : null;
    // At low rates an estimate overshoots a cap that drops what exceeds it: loss within the level's
    // hold (the loss memory at least) outweighs it, or room would bypass the backed-off hold.
    const lossInHold = at - lossAt < Math.max(tuning.lossMemoryMs, hold(mode));
    const roomTrusted = !lossInHold || needKbps(up) > needKbps(LOW_RATE_MODE);
    room =
      good && roomTrusted && est !== null && est >= headroomKbps(mode, tuning)
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

  const unchanged = (): LadderDecision => ({ mode, changed: false, reason: null });

  return {
    next(sample) {
      // An interval in which nothing arrived is an outage: it says nothing about the link's width,
      // and what Chromium estimates right after one is a guess again, as at the start.
      if (sample.stalled) {
        stalled = true;
        streaks = { floor: 0, low: 0, loss: 0, cpu: 0 };
        goodSince = null;
        room = { since: null, count: 0 };
        return unchanged();
      }
      est = sample.availableOutgoingKbps;
      if (stalled) {
        [stalled, startAt] = [false, null];
        climb = { from: est, until: sample.at + tuning.startGraceMs + 2 * tuning.probeWindowMs };
      }
      startAt ??= sample.at;
      if (sample.fractionLost !== null && sample.fractionLost > tuning.lossUp) lossAt = sample.at;
      const ended = endProbe(sample);
      if (ended) return ended;
      forgive(sample.at);
      const settled = sample.at - startAt >= tuning.startGraceMs;
      const judgeEstimate =
        settled &&
        (!probe || sample.at - probe.at >= tuning.probeGraceMs) &&
        !ramping(sample.at) &&
        !estimateStale(sample, mode, tuning);
      const judged = judgeEstimate ? est : null;
      streaks = {
        floor: judged !== null && judged < FLOOR_KBPS ? streaks.floor + 1 : 0,
        low: judged !== null && judged < needKbps(mode) ? streaks.low + 1 : 0,
        loss: sample.fractionLost !== null && sample.fractionLost > tuning.lossDown ? streaks.loss + 1 : 0,
        cpu: sample.qualityLimitation === 'cpu' ? streaks.cpu + 1 : 0,
      };
      return stepDown(sample) ?? (settled ? stepUp(sample) : null) ?? unchanged();
    },
    mode: () => mode,
    history: () => steps,
    resetAfterReconnect() {
      startAt = null;
      lastUp = null;
      climb = null;
      stalled = false;
      probe = null;
      aftermath = null;
      holdMs.clear();
      streaks = { floor: 0, low: 0, loss: 0, cpu: 0 };
      goodSince = null;
      room = { since: null, count: 0 };
    },
  };
}
