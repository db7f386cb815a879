import { FrameScanner } from './frame-scanner.js';
import { LEGACY_FRAME_LENGTH, decodeLegacyLive, matchLegacyLive } from './legacy-frame.js';
import type { LegacyLive } from './legacy-frame.js';

/** The legacy live stream: chunks in, 5-byte packets out; resyncs on the bit-7 sync byte. */
export const legacyLiveDecoder = (): FrameScanner<LegacyLive> =>
  new FrameScanner(LEGACY_FRAME_LENGTH, matchLegacyLive, decodeLegacyLive);
