import type { IpcRenderer } from 'electron';
import type { ClientTransport } from '../contract/client.js';
import { StationError, StationErrorShape } from '../contract/errors.js';
import { ResultShape } from '../contract/wire.js';
import type { Result } from '../contract/wire.js';
import { errorChannel, eventChannel, subscribeChannel, unsubscribeChannel } from './ipc-channels.js';

/** The part of ipcRenderer the transport uses. It stays inside the preload; the page never sees it. */
export type IpcRendererLike = Pick<IpcRenderer, 'invoke' | 'send' | 'on' | 'removeListener'>;

const internal = (): Result => ({ ok: false, error: new StationError('internal').toShape() });

function messageId(message: unknown): number | undefined {
  return typeof message === 'object' && message !== null ? ((message as { id?: unknown }).id as number) : undefined;
}

/**
 * The contract transport over Electron IPC: one invoke per call on the method's own channel,
 * and per subscription its own listeners, removed when it ends. Everything that comes back is
 * parsed before it is believed.
 */
export function createIpcTransport(ipc: IpcRendererLike): ClientTransport {
  let nextId = 1;
  return {
    async call(channel, input) {
      try {
        const parsed = ResultShape.safeParse(await ipc.invoke(channel, input));
        return parsed.success ? (parsed.data as Result) : internal();
      } catch {
        // invoke rejects when the input cannot be cloned or main has no such channel.
        return internal();
      }
    },
    subscribe(channel, input, onEvent, onError) {
      const id = nextId++;
      let active = true;
      const onEventMessage = (_event: unknown, message: unknown): void => {
        if (active && messageId(message) === id) onEvent((message as { value?: unknown }).value);
      };
      const onErrorMessage = (_event: unknown, message: unknown): void => {
        if (!active || messageId(message) !== id) return;
        stop();
        const shape = StationErrorShape.safeParse((message as { error?: unknown }).error);
        onError(shape.success ? shape.data : new StationError('internal').toShape());
      };
      function stop(): void {
        active = false;
        ipc.removeListener(eventChannel(channel), onEventMessage);
        ipc.removeListener(errorChannel(channel), onErrorMessage);
      }
      ipc.on(eventChannel(channel), onEventMessage);
      ipc.on(errorChannel(channel), onErrorMessage);
      ipc.send(subscribeChannel(channel), { id, input });
      return () => {
        if (!active) return;
        stop();
        ipc.send(unsubscribeChannel(channel), { id });
      };
    },
  };
}
