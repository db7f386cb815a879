import { createContext, useContext } from 'react';
import type { Queue } from '../../../server/consults/console-wire.js';
import type { Loaded } from '../../../../renderer/components/use-load.js';

/** The queue and when this page had it. */
export type LoadedQueue = Queue & { readonly loadedAt: number };

/** The specialist's queue, loaded once for the whole console and reloaded on every hub change. */
export const QueueContext = createContext<{ loaded: Loaded<LoadedQueue>; reload: () => void } | null>(null);

/** The queue as last loaded. */
export function useQueue(): { loaded: Loaded<LoadedQueue>; reload: () => void } {
  const value = useContext(QueueContext);
  if (!value) throw new Error('useQueue outside QueueContext');
  return value;
}
