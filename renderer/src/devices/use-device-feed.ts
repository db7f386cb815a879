import { useEffect, useSyncExternalStore } from 'react';
import type { StationApi } from '../../../contract/index.js';
import { deviceFeed } from './device-feed-store.js';
import type { FeedState } from './feed-state.js';

/** The live device feed, shared by every screen that shows devices; subscribed while one is open. */
export function useDeviceFeed(station: StationApi): FeedState {
  useEffect(() => deviceFeed.retain(station.devices), [station]);
  return useSyncExternalStore(deviceFeed.subscribe, deviceFeed.getSnapshot);
}
