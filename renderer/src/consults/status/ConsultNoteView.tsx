import { useTranslation } from 'react-i18next';
import type { ConsultNote } from '../../../../contract/index.js';

/** The specialist's note as it reached the record: assessment, advice and follow-up. */
export function ConsultNoteView({ note }: { note: ConsultNote }) {
  const { t } = useTranslation();
  return (
    <dl className="consult-note" data-testid="consult-note">
      <dt>{t('consults.note.assessment')}</dt>
      <dd data-testid="consult-note-assessment">{note.assessment}</dd>
      <dt>{t('consults.note.advice')}</dt>
      <dd data-testid="consult-note-advice">{note.advice}</dd>
      <dt>{t('consults.note.followUp')}</dt>
      <dd data-testid="consult-note-follow-up">{note.followUp === '' ? t('common.none') : note.followUp}</dd>
    </dl>
  );
}
