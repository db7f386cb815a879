import { useCallback, useState } from 'react';
import type { SetStateAction } from 'react';

const drafts = new Map<string, unknown>();

/**
 * State that outlives its screen: the lock screen replaces a half-filled form, and the doctor
 * finds it as she left it after unlocking. Kept in memory only, never written to disk.
 */
export function useDraft<T>(key: string, initial: () => T): [T, (next: SetStateAction<T>) => void, () => void] {
  const [value, setValue] = useState<T>(() => (drafts.has(key) ? (drafts.get(key) as T) : initial()));
  const set = useCallback(
    (next: SetStateAction<T>) => {
      setValue((previous) => {
        const resolved = typeof next === 'function' ? (next as (p: T) => T)(previous) : next;
        drafts.set(key, resolved);
        return resolved;
      });
    },
    [key],
  );
  const clear = useCallback(() => {
    drafts.delete(key);
    setValue(initial());
  }, [key, initial]);
  return [value, set, clear];
}
