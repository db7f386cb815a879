import { z } from 'zod';

/** Largest SDP accepted from a peer: a video call's offer is a few kilobytes. */
const MAX_SDP = 64 * 1024;

/**
 * What simple-peer asks to carry to the other side. Checked field by field wherever it
 * crosses (core, hub) so nothing but signaling rides this channel.
 */
export const SignalData = z.union([
  z.strictObject({ type: z.enum(['offer', 'answer', 'pranswer', 'rollback']), sdp: z.string().max(MAX_SDP) }),
  z.strictObject({
    type: z.literal('candidate'),
    candidate: z.strictObject({
      candidate: z.string().max(1024),
      sdpMLineIndex: z.number().int().min(0).max(64).nullable().optional(),
      sdpMid: z.string().max(64).nullable().optional(),
      usernameFragment: z.string().max(256).nullable().optional(),
    }),
  }),
  z.strictObject({ type: z.literal('renegotiate'), renegotiate: z.literal(true) }),
  z.strictObject({
    type: z.literal('transceiverRequest'),
    transceiverRequest: z.strictObject({
      kind: z.enum(['audio', 'video']),
      init: z.record(z.string(), z.unknown()).optional(),
    }),
  }),
]);
export type SignalData = z.infer<typeof SignalData>;

/** An ICE server as RTCPeerConnection takes it; TURN credentials are short-lived. */
export const IceServer = z.object({
  urls: z.union([z.string(), z.array(z.string())]),
  username: z.string().optional(),
  credential: z.string().optional(),
});
export type IceServer = z.infer<typeof IceServer>;

export const IceConfig = z.object({
  iceServers: z.array(IceServer),
  iceTransportPolicy: z.enum(['all', 'relay']),
});
export type IceConfig = z.infer<typeof IceConfig>;

/** Whether the other side of a consult's call is there to talk to. */
export const PeerPresence = z.enum(['joined', 'left']);
export type PeerPresence = z.infer<typeof PeerPresence>;
