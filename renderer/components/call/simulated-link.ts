// Test support: a link and a Chromium-like sender that produce the LinkSamples the ladder reads.
import type { LinkSample } from './ladder.js';
import { AUDIO_KBPS, videoProfile } from './modes.js';
import type { CallMode } from './modes.js';

/** What a real camera's content asks of each mode (a still scene asks less than the budget). */
const CONTENT_SHARE = 0.9;
/** Opus as Chromium sends it, without the headers AUDIO_KBPS adds. */
const AUDIO_SENT_KBPS = 32;
/** After losses Chromium's loss-based estimator holds the estimate, and blocks probes, this long. */
const LOSS_MEMORY_MS = 20_000;
/** Where Chromium's own probing of a free link tops out. */
const PROBE_CEILING_KBPS = 1_200;

/** The link's capacity at a time, in kbit/s (Infinity for an unlimited link). */
export type Capacity = (atMs: number) => number;

/** Ways a run departs from the plain capped link, each seen in `npm run bench:consult`. */
export interface LinkQuirks {
  /** The share of each mode's budget the camera's content fills (a fake camera: ~170 of 500, ~50 of 150). */
  contentShare?: number;
  /** How long after the last loss the estimate stays frozen (20 s by default; 33 s was seen). */
  lossMemoryMs?: number;
  /** Whether a mode that allows more makes Chromium probe at once (it did not for a camera with little to send). */
  probeOnModeUp?: boolean;
  /** While the cap drops packets the estimate stays this many times above it (1.5–1.9 was seen). */
  overshoot?: number;
  /** When nothing at all gets through; the estimate halves each second without feedback. */
  outage?: (atMs: number) => boolean;
}

/** A sender on a link, sampled once a second. */
export interface SimulatedLink {
  sample(mode: CallMode): LinkSample;
}

/**
 * Mimics what Chromium did over a relay capped in place by nftables (see the harness notes in
 * the call engine's report): the cap drops what exceeds it (loss, not delay); the estimate falls
 * by half the loss each second; for 20 s after the last loss it stays put, whatever the mode
 * (re-enabling video probes nothing); then Chromium ramps it up by itself, ×1.6 a second, to what
 * the link carries. Without recent loss, a mode that allows more is probed at twice its
 * allocation, and growth is limited to 1.5 × what is sent (application-limited).
 */
export function simulatedLink(
  capacity: Capacity,
  noise: () => number = () => 0,
  startMs = 0,
  quirks: LinkQuirks = {},
): SimulatedLink {
  const {
    contentShare = CONTENT_SHARE,
    lossMemoryMs = LOSS_MEMORY_MS,
    probeOnModeUp = true,
    overshoot = 1,
    outage,
  } = quirks;
  let at = startMs;
  let estimate = 300;
  let allocation = 0;
  let lastLoss: number | null = null;
  let lossAt = -Infinity;
  let recovering = false;
  return {
    sample(mode) {
      at += 1000;
      const cap = capacity(at);
      const down = outage?.(at) ?? false;
      const profile = videoProfile(mode);
      const newAllocation = (profile?.kbps ?? 0) + AUDIO_KBPS;
      const quiet = at - lossAt >= lossMemoryMs;
      if (probeOnModeUp && quiet && newAllocation > allocation)
        estimate = Math.max(estimate, Math.min(cap, 2 * newAllocation));
      allocation = newAllocation;
      const target = Math.max(0, estimate - AUDIO_SENT_KBPS);
      // The encoder is bandwidth-limited when the estimate leaves it less than its content asks for.
      const wanted = profile ? Math.min(profile.kbps, (profile.kbps * contentShare) / CONTENT_SHARE) : 0;
      const video = profile ? Math.min(profile.kbps * contentShare, target) : 0;
      const total = video + AUDIO_SENT_KBPS;
      const loss = total > cap ? (total - cap) / total : 0;
      if (loss > 0) [lossAt, recovering] = [at, true];
      // No feedback arrives in an outage: Chromium halves the estimate, and recovers by probing after.
      if (down) [estimate, recovering] = [estimate / 2, true];
      else if (loss > 0.1) estimate = Math.max(estimate * (1 - 0.5 * loss), overshoot * cap);
      else if (quiet && recovering) {
        estimate = Math.min(cap, PROBE_CEILING_KBPS, estimate * 1.6);
        recovering = estimate < Math.min(cap, PROBE_CEILING_KBPS);
      } else if (quiet) estimate = Math.max(estimate, Math.min(estimate * 1.08, 1.5 * total + 10));
      if (down) return { ...stalledSample(at, video, lastLoss), availableOutgoingKbps: Math.max(1, estimate) };
      const sample: LinkSample = {
        at,
        availableOutgoingKbps: Math.max(1, estimate * (1 + 0.1 * noise())),
        sentVideoKbps: video,
        sentAudioKbps: AUDIO_SENT_KBPS,
        // Receiver reports carry the previous interval's loss in 1/256ths.
        fractionLost: lastLoss === null ? null : Math.round(lastLoss * 256) / 256,
        rttMs: 40,
        qualityLimitation: profile && target < wanted ? 'bandwidth' : 'none',
      };
      lastLoss = loss;
      return sample;
    },
  };
}

/** A second of an outage: the sender still sends, but no report comes back to say how it went. */
function stalledSample(at: number, video: number, lastLoss: number | null): LinkSample {
  return {
    at,
    availableOutgoingKbps: null,
    sentVideoKbps: video,
    sentAudioKbps: AUDIO_SENT_KBPS,
    fractionLost: lastLoss === null ? null : Math.round(lastLoss * 256) / 256,
    rttMs: null,
    qualityLimitation: 'none',
    stalled: true,
  };
}
