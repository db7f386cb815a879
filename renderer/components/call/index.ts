// The call engine's public face, shared by the station renderer and the hub console.
export { createCallSession } from './call-session.js';
export type { CallEvent, CallSession, CallSessionOptions, CallSignal, CallState } from './call-session.js';
export type { ClockSample } from './clock-offset.js';
export type { LadderReason, LadderStep, LinkSample } from './ladder.js';
export type { CallQuality } from './link-stats.js';
export { MODES, VIDEO_PROFILES, isCallMode, videoProfile } from './modes.js';
export type { CallMode, VideoProfile } from './modes.js';
