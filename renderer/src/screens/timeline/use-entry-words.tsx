import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { CHRONIC_CONDITIONS } from '../../../../contract/records/chronic-conditions.js';
import type { TimelineEntry } from '../../../../contract/records/visit.js';
import { Interpretation } from '../../../../contract/records/visit.js';
import { InterpretationTag } from '../../../components/vitals/InterpretationTag.js';
import { readingValueText } from '../../../components/vitals/reading-text.js';
import { ECG_LOINC } from '../../../../contract/records/vitals.js';
import { kindOfLoinc, vitalKeys } from '../../../components/vitals/vital-kinds.js';
import type { DiagnosisNames } from './use-diagnosis-names.js';

type Summary = TimelineEntry['summary'];

const text = (s: Summary, key: string): string | null => {
  const v = s[key];
  return typeof v === 'string' && v !== '' ? v : null;
};
const num = (s: Summary, key: string): number | null => {
  const v = s[key];
  return typeof v === 'number' ? v : null;
};
const flag = (s: Summary, key: string) => {
  const parsed = Interpretation.safeParse(s[key]);
  return parsed.success ? parsed.data : null;
};

/** Words for a timeline entry: the core sends codes and values, the page says them in the doctor's language. */
export function useEntryWords(names: ReadonlyMap<string, DiagnosisNames | null>): (entry: TimelineEntry) => ReactNode {
  const { t, i18n } = useTranslation();
  const diagnosisName = (code: string) => {
    const n = names.get(code);
    return n ? (i18n.language.startsWith('zh') ? n.zh : n.en) : null;
  };
  return (entry) => {
    const s = entry.summary;
    switch (entry.type) {
      case 'Observation': {
        // An ECG strip is a waveform, not a value: it is named, and opened from the visit.
        if (text(s, 'loinc') === ECG_LOINC) return t('timeline.ecg');
        const kind = kindOfLoinc(text(s, 'loinc'));
        const value = num(s, 'value');
        if (value === null) return t('timeline.observation');
        const reading = { kind: kind ?? '', value, value2: num(s, 'value2') };
        return (
          <>
            {kind ? t(vitalKeys.kind(kind)) : text(s, 'loinc')} {readingValueText(reading, i18n.language)}{' '}
            {text(s, 'unit')} <InterpretationTag code={flag(s, 'interpretation')} />
            {reading.value2 !== null && <InterpretationTag code={flag(s, 'interpretation2')} />}
          </>
        );
      }
      case 'Condition': {
        const code = text(s, 'code');
        const chronic = CHRONIC_CONDITIONS.find((c) => c.icd10 === code);
        if (text(s, 'category') === 'problem-list-item') {
          return t('timeline.chronic', { name: chronic ? t(chronic.labelKey) : (code ?? text(s, 'text') ?? '') });
        }
        const parts = [code, code ? diagnosisName(code) : null, text(s, 'text')].filter(Boolean);
        return t('timeline.diagnosis', { name: parts.join(' ') });
      }
      case 'AllergyIntolerance':
        return t('timeline.allergy', { substance: text(s, 'substance') ?? '' });
      case 'Patient':
        return entry.version === 1
          ? t('timeline.registered', { name: text(s, 'name') ?? '' })
          : t('timeline.demographics', { name: text(s, 'name') ?? '' });
      case 'Consent':
        return t('timeline.consent');
      case 'Encounter':
        return t('timeline.visitNotes');
      case 'ServiceRequest': {
        const specialty = t(`consults.specialties.${text(s, 'specialty') ?? 'general'}`);
        if (text(s, 'status') === 'revoked') return t('timeline.consultWithdrawn', { specialty });
        if (text(s, 'status') === 'completed') return t('timeline.consultCompleted', { specialty });
        const urgency = t(`consults.urgencies.${text(s, 'urgency') ?? 'routine'}`);
        return t('timeline.consultRequested', { specialty, urgency, question: text(s, 'question') ?? '' });
      }
      case 'Media':
        return t('timeline.photo', { title: text(s, 'title') ?? '' });
      case 'Communication':
        return t('timeline.consultNote', {
          specialist: text(s, 'specialist') ?? '',
          assessment: text(s, 'assessment') ?? '',
          advice: text(s, 'advice') ?? '',
        });
    }
  };
}
