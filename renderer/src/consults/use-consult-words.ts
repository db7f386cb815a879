import type { i18n } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { ConsultSummary, Specialty, Urgency } from '../../../contract/index.js';
import type { Phrase } from '../sync/sync-format.js';
import { statePhrase, waitPhrase } from './consult-words.js';

/**
 * Consults in words, in the language `i18n` is in. Codes that arrive from the call engine
 * (quality modes, step reasons) and have no words here are shown as their code, never hidden.
 */
export function consultWords(i18n: Pick<i18n, 't' | 'exists'>) {
  const phrase = (p: Phrase) => i18n.t(p.key, { ...p.values });
  const orCode = (key: string, code: string) => (i18n.exists(key) ? i18n.t(key) : code);
  return {
    phrase,
    state: (c: Pick<ConsultSummary, 'state' | 'widenedAt' | 'specialist'>) => phrase(statePhrase(c)),
    wait: (c: Pick<ConsultSummary, 'state' | 'requestedAt' | 'acceptedAt' | 'answeredAt'>, now: Date) => {
      const wait = waitPhrase(c, now);
      return wait === null ? null : i18n.t(wait.key, { span: phrase(wait.span) });
    },
    specialty: (s: Specialty) => i18n.t(`consults.specialties.${s}`),
    urgency: (u: Urgency) => i18n.t(`consults.urgencies.${u}`),
    mode: (mode: string) => orCode(`consults.modes.${mode}`, mode),
    stepReason: (reason: string) => orCode(`consults.stepReasons.${reason}`, reason),
    callState: (state: string) => orCode(`consults.callStates.${state}`, state),
  };
}

export type ConsultWords = ReturnType<typeof consultWords>;

/** Consults in words for a component; it renders again when the language changes. */
export function useConsultWords(): ConsultWords {
  const { i18n } = useTranslation();
  return consultWords(i18n);
}
