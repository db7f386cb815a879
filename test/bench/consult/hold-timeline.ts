import type { StatsSample } from './page-data.js';

/** The station's mode at one moment of a hold (read from its probe each second). */
export interface ModeAt {
  readonly at: number;
  readonly mode: string | null;
}

/**
 * One line per second of a hold, for the bench's progress log: the station's mode, Chromium's
 * bandwidth estimate, what it sent (video, audio, data channel, all), the bytes waiting in its
 * data channel, the data messages the console received in the second before, the loss its
 * peer reported, its limitation and the frames it encoded. The evidence when the ladder does
 * something unexpected.
 */
export function holdTimeline(
  start: number,
  modes: readonly ModeAt[],
  samples: readonly StatsSample[],
  heard: readonly StatsSample[],
): string[] {
  const lines: string[] = [];
  let prev: StatsSample | undefined;
  for (const s of samples) {
    const near = heard.filter((h) => h.at <= s.at + 500);
    const [h0, h1] = [near.at(-2), near.at(-1)];
    const rx = h0 && h1 && h0.pc === h1.pc ? h1.dataMessagesReceived - h0.dataMessagesReceived : '?';
    const mode = [...modes].reverse().find((m) => m.at <= s.at)?.mode ?? modes[0]?.mode ?? null;
    const same = prev !== undefined && prev.pc === s.pc && s.at > prev.at;
    const kbps = (now: number, before: number | undefined): number | '?' =>
      same && prev && before !== undefined ? Math.round(((now - before) * 8) / (s.at - prev.at)) : '?';
    const est = s.availableOutgoingBitrate === null ? '?' : Math.round(s.availableOutgoingBitrate / 1000);
    const loss = s.fractionLost === null ? '?' : `${Math.round(s.fractionLost * 100)}%`;
    const frame = s.frameWidth === null ? '-' : `${s.frameWidth}x${s.frameHeight ?? '?'}@${s.framesPerSecond ?? '?'}`;
    lines.push(
      `  +${((s.at - start) / 1000).toFixed(1)}s ${mode ?? '-'} est ${est} video ${kbps(s.videoBytesSent, prev?.videoBytesSent)} ` +
        `audio ${kbps(s.audioBytesSent, prev?.audioBytesSent)} data ${kbps(s.dataBytesSent, prev?.dataBytesSent)} ` +
        `all ${kbps(s.transportBytesSent, prev?.transportBytesSent)} buffered ${s.dataBuffered} console-rx-msgs ${rx} ` +
        `loss ${loss} ${s.limitation ?? '-'} ${frame}`,
    );
    prev = s;
  }
  return lines;
}
