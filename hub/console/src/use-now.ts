import { useEffect, useState } from 'react';

/** The time now, renewed every `everyMs` while mounted: for waiting times and ages that tick. */
export function useNow(everyMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(id);
  }, [everyMs]);
  return now;
}
