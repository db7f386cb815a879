import type { ContextBridge } from 'electron';
import { createClient } from '../contract/client.js';
import { stationContract } from '../contract/index.js';
import { createIpcTransport } from './ipc-transport.js';
import type { IpcRendererLike } from './ipc-transport.js';

/**
 * Gives the page exactly one object, `window.station`: the contract's domains and methods over
 * IPC. ipcRenderer stays in the preload's world; the page only ever sees these functions.
 */
export function exposeStation(bridge: Pick<ContextBridge, 'exposeInMainWorld'>, ipc: IpcRendererLike): void {
  bridge.exposeInMainWorld('station', createClient(stationContract, createIpcTransport(ipc)));
}
