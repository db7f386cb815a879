import type { i18n } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { RejectedRecord, SyncState } from '../../../contract/index.js';
import type { Phrase } from './sync-format.js';

/**
 * Sync in words, in the language `i18n` is in. Reasons and record types arrive as codes; a
 * code this version has no words for is still shown, as its code, never hidden.
 */
export function syncWords(i18n: Pick<i18n, 't' | 'exists'>) {
  const orCode = (key: string, code: string) => (i18n.exists(key) ? i18n.t(key) : code);
  return {
    phrase: (p: Phrase) => i18n.t(p.key, { ...p.values }),
    state: (s: SyncState) => i18n.t(`sync.states.${s}`),
    lane: (l: RejectedRecord['lane']) => i18n.t(`sync.lanes.${l}`),
    reason: (code: string) => orCode(`sync.reasons.${code}`, code),
    recordType: (type: string) => orCode(`sync.types.${type}`, type),
  };
}

/** Sync in words for a component; it renders again when the language changes. */
export function useSyncWords() {
  const { i18n } = useTranslation();
  return syncWords(i18n);
}
