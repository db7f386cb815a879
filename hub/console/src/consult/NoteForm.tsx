import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConsultNote } from '../../../../contract/consults/consult.js';
import { checkNote, NOTE_FIELDS } from './note-check.js';
import type { NoteField } from './note-check.js';

/**
 * The consult note: assessment, advice and follow-up. `inCall` names the button for what it
 * does: end the call and send, or only send.
 */
export function NoteForm({
  inCall,
  busy,
  error,
  onSend,
}: {
  inCall: boolean;
  busy: boolean;
  error: string | null;
  onSend: (note: ConsultNote) => void;
}) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<Record<NoteField, string>>({ assessment: '', advice: '', followUp: '' });
  const [invalid, setInvalid] = useState<NoteField[]>([]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const checked = checkNote(draft);
    if (!checked.ok) {
      setInvalid(checked.fields);
      return;
    }
    setInvalid([]);
    onSend(checked.note);
  };

  return (
    <form className="note-form" onSubmit={submit} noValidate aria-labelledby="note-title">
      <h2 id="note-title">{t('note.title')}</h2>
      {NOTE_FIELDS.map((field) => (
        <label key={field} className="field">
          <span>
            {t(`note.${field}`)}
            {field !== 'followUp' && <span aria-hidden="true"> *</span>}
          </span>
          <textarea
            name={field}
            rows={field === 'followUp' ? 2 : 4}
            maxLength={4000}
            required={field !== 'followUp'}
            aria-invalid={invalid.includes(field)}
            value={draft[field]}
            onChange={(e) => setDraft({ ...draft, [field]: e.target.value })}
          />
          {invalid.includes(field) && (
            <small className="field-error" role="alert">
              {t(`note.invalid.${field}`)}
            </small>
          )}
        </label>
      ))}
      {error && (
        <p className="banner banner-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="button-primary" disabled={busy} data-testid="send-note">
        {busy ? t('note.sending') : inCall ? t('note.endAndSend') : t('note.send')}
      </button>
    </form>
  );
}
