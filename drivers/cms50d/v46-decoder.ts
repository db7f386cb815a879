import { FrameScanner } from './frame-scanner.js';
import { V46_FRAME_LENGTH, decodeV46, matchV46 } from './v46-frame.js';
import type { V46Message } from './v46-frame.js';

/**
 * The 4.6 stream: live packets and stored-data packets share the framing, so one decoder
 * yields both and the session routes them. Resyncs on the type byte (bit 7 clear).
 */
export const v46Decoder = (): FrameScanner<V46Message> => new FrameScanner(V46_FRAME_LENGTH, matchV46, decodeV46);
