import { z } from 'zod';
import { ClientMessage, ServerMessage } from '../../contract/wire.js';

/** What the Electron main process tells the core at start; the mode is always 'electron'. */
export const CoreStartOptions = z.object({
  dataDir: z.string().min(1),
  hubUrl: z.string().min(1).nullable(),
  appVersion: z.string(),
  nativeBinding: z.string().min(1).optional(),
});
export type CoreStartOptions = z.infer<typeof CoreStartOptions>;

/**
 * Main → core. Relayed calls use the same envelope as the browser shell's socket, plus two
 * lifecycle messages.
 */
export const ToCore = z.union([
  ClientMessage,
  z.object({ t: z.literal('start'), options: CoreStartOptions }),
  z.object({ t: z.literal('stop') }),
]);
export type ToCore = z.infer<typeof ToCore>;

/** Core → main: results and events, plus whether the core came up. */
export const FromCore = z.union([
  ServerMessage,
  z.object({ t: z.literal('ready'), stationId: z.string() }),
  z.object({ t: z.literal('failed'), message: z.string() }),
]);
export type FromCore = z.infer<typeof FromCore>;
