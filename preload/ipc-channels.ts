// The IPC wire between the preload and main/electron/ipc-relay.ts. Calls use the contract's
// channel name itself (ipcRenderer.invoke); a subscription uses four names derived from it.

/** Renderer → main: `{ id, input }` starts a subscription under a renderer-chosen id. */
export const subscribeChannel = (channel: string): string => `${channel}:subscribe`;
/** Renderer → main: `{ id }` ends it. */
export const unsubscribeChannel = (channel: string): string => `${channel}:unsubscribe`;
/** Main → renderer: `{ id, value }`, one event of the subscription. */
export const eventChannel = (channel: string): string => `${channel}:event`;
/** Main → renderer: `{ id, error }`, the subscription was refused or ended by the core. */
export const errorChannel = (channel: string): string => `${channel}:error`;

/** Payload of a subscription event or error, as sent by main. */
export interface SubscriptionMessage {
  readonly id: number;
  readonly value?: unknown;
  readonly error?: unknown;
}
