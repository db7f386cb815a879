// The preload of the station window (bundled to dist-electron/preload.cjs). It is sandboxed, so
// it may require nothing but electron; everything else is bundled in.
import { contextBridge, ipcRenderer } from 'electron';
import { exposeStation } from './expose.js';

exposeStation(contextBridge, ipcRenderer);
