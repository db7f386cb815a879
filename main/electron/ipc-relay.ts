import type { IpcMain, IpcMainEvent, IpcMainInvokeEvent, WebContents } from 'electron';
import { z } from 'zod';
import type { ClientTransport } from '../../contract/client.js';
import { channelOf, methodsOf } from '../../contract/define.js';
import type { MethodDef, Unsubscribe } from '../../contract/define.js';
import { StationError, issuesOf } from '../../contract/errors.js';
import type { StationErrorShape } from '../../contract/errors.js';
import { stationContract } from '../../contract/index.js';
import type { Result } from '../../contract/wire.js';
import { errorChannel, eventChannel, subscribeChannel, unsubscribeChannel } from '../../preload/ipc-channels.js';
import { isAppUrl } from './app-origin.js';

/** More live subscriptions than this from one page is a runaway page, not a real screen. */
const MAX_SUBSCRIPTIONS = 64;

const SubscriptionId = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
const SubscribeRequest = z.object({ id: SubscriptionId, input: z.unknown() }).strict();
const UnsubscribeRequest = z.object({ id: SubscriptionId }).strict();

export interface IpcRelayOptions {
  ipcMain: Pick<IpcMain, 'handle' | 'on' | 'removeHandler' | 'removeAllListeners'>;
  /** The station window's contents: IPC from any other webContents is refused. */
  ownContents: WebContents;
  /** The way to the core (the utility process). */
  core: ClientTransport;
  /** Told about every refused message, for the log; never about its content. */
  onRefused?: (channel: string, reason: 'forbidden_sender' | 'invalid_input') => void;
}

/** The registered relay: the IPC channels it listens on, and a way to take it down. */
export interface IpcRelay {
  readonly channels: readonly string[];
  dispose(): void;
}

function failure(code: StationErrorShape['code'], details?: StationErrorShape['details']): Result {
  return { ok: false, error: new StationError(code, details).toShape() };
}

type Parsed = { ok: true; input: unknown } | { ok: false; error: StationErrorShape };

function parseInput(def: MethodDef, channel: string, args: readonly unknown[]): Parsed {
  // Exactly one argument crosses per call; extra ones would be silently ignored otherwise.
  if (args.length > 1) return { ok: false, error: new StationError('invalid_input', { method: channel }).toShape() };
  const parsed = def.input.safeParse(args[0]);
  return parsed.success
    ? { ok: true, input: parsed.data }
    : {
        ok: false,
        error: new StationError('invalid_input', { method: channel, issues: issuesOf(parsed.error) }).toShape(),
      };
}

/**
 * Relays the contract's methods from the station window to the core, one IPC channel per
 * method and nothing else. Every message must come from the app's own window and top frame on
 * app://station, and its argument must parse with the contract's schema, before anything
 * reaches the core.
 */
export function registerIpcRelay(options: IpcRelayOptions): IpcRelay {
  const { ipcMain, ownContents, core } = options;
  const refused = options.onRefused ?? (() => undefined);
  const subscriptions = new Map<string, Unsubscribe>();
  const listened: string[] = [];
  const handled: string[] = [];

  function trusted(event: IpcMainEvent | IpcMainInvokeEvent): boolean {
    if (ownContents.isDestroyed() || event.sender.id !== ownContents.id) return false;
    try {
      // senderFrame is null once the frame has navigated away or gone, and reading a disposed
      // frame can throw; either way the message is not from a page we can vouch for.
      const frame = event.senderFrame;
      return frame !== null && frame.parent === null && isAppUrl(frame.url);
    } catch {
      return false;
    }
  }

  function sendToPage(channel: string, payload: { id: number; value?: unknown; error?: unknown }): void {
    if (!ownContents.isDestroyed()) ownContents.send(channel, payload);
  }

  function dropSubscriptions(): void {
    for (const unsubscribe of subscriptions.values()) unsubscribe();
    subscriptions.clear();
  }

  function relayCall(channel: string, def: MethodDef): void {
    ipcMain.handle(channel, async (event, ...args: unknown[]): Promise<Result> => {
      if (!trusted(event)) {
        refused(channel, 'forbidden_sender');
        return failure('forbidden_sender', { method: channel });
      }
      const parsed = parseInput(def, channel, args);
      if (!parsed.ok) {
        refused(channel, 'invalid_input');
        return { ok: false, error: parsed.error };
      }
      try {
        return await core.call(channel, parsed.input);
      } catch {
        return failure('internal');
      }
    });
    handled.push(channel);
  }

  function relaySubscription(channel: string, def: MethodDef): void {
    const key = (id: number): string => `${channel}#${id}`;
    ipcMain.on(subscribeChannel(channel), (event, request: unknown) => {
      // A foreign sender gets no answer at all: nothing is ever sent to a page that is not ours.
      if (!trusted(event)) return refused(channel, 'forbidden_sender');
      const parsedRequest = SubscribeRequest.safeParse(request);
      if (!parsedRequest.success) return refused(channel, 'invalid_input');
      const { id } = parsedRequest.data;
      if (subscriptions.has(key(id)) || subscriptions.size >= MAX_SUBSCRIPTIONS) {
        refused(channel, 'invalid_input');
        return sendToPage(errorChannel(channel), {
          id,
          error: new StationError('invalid_input', { method: channel }).toShape(),
        });
      }
      const parsed = parseInput(def, channel, [parsedRequest.data.input]);
      if (!parsed.ok) {
        refused(channel, 'invalid_input');
        return sendToPage(errorChannel(channel), { id, error: parsed.error });
      }
      const unsubscribe = core.subscribe(
        channel,
        parsed.input,
        (value) => sendToPage(eventChannel(channel), { id, value }),
        (error) => {
          subscriptions.delete(key(id));
          sendToPage(errorChannel(channel), { id, error });
        },
      );
      subscriptions.set(key(id), unsubscribe);
    });
    ipcMain.on(unsubscribeChannel(channel), (event, request: unknown) => {
      if (!trusted(event)) return refused(channel, 'forbidden_sender');
      const parsed = UnsubscribeRequest.safeParse(request);
      if (!parsed.success) return refused(channel, 'invalid_input');
      subscriptions.get(key(parsed.data.id))?.();
      subscriptions.delete(key(parsed.data.id));
    });
    listened.push(subscribeChannel(channel), unsubscribeChannel(channel));
  }

  for (const { domain, method, def } of methodsOf(stationContract)) {
    const channel = channelOf(domain, method);
    if (def.kind === 'call') relayCall(channel, def);
    else relaySubscription(channel, def);
  }

  // A reload or a crashed renderer starts a new page whose ids restart; the old page's
  // subscriptions must not outlive it.
  ownContents.on('did-navigate', dropSubscriptions);
  ownContents.on('render-process-gone', dropSubscriptions);
  ownContents.on('destroyed', dropSubscriptions);

  return {
    channels: [...handled, ...listened],
    dispose() {
      for (const channel of handled) ipcMain.removeHandler(channel);
      for (const channel of listened) ipcMain.removeAllListeners(channel);
      dropSubscriptions();
    },
  };
}
