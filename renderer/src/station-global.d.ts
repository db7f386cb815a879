import type { StationApi } from '../../contract/index.js';

declare global {
  interface Window {
    /** The station API: from the preload in Electron, from the socket bridge in browser mode. */
    station?: StationApi;
  }
}
