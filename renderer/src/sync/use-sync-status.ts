import { useEffect, useState } from 'react';
import type { StationApi, SyncStatus } from '../../../contract/index.js';

/** Where sync stands, kept current by subscription; null until the core's first answer. */
export function useSyncStatus(station: StationApi): SyncStatus | null {
  const [status, setStatus] = useState<SyncStatus | null>(null);
  useEffect(() => station.sync.statusChanges({}, setStatus), [station]);
  return status;
}

/** The current time, renewed every `everyMs`, so "N min ago" moves on while nothing else changes. */
export function useNow(everyMs: number): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
