import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { StationApi, Visit } from '../../../../contract/index.js';
import { useDraft } from '../../forms/draft-store.js';
import { TextField } from '../../forms/TextField.js';
import { useSubmission } from '../../forms/use-submission.js';
import { Failure } from '../../Failure.js';

const NOTE_FIELDS = ['chiefComplaint', 'history', 'examination', 'plan'] as const;
type NoteField = (typeof NOTE_FIELDS)[number];
export type NotesDraft = Readonly<Record<NoteField, string>>;

const notesOf = (visit: Visit): NotesDraft => ({
  chiefComplaint: visit.chiefComplaint ?? '',
  history: visit.history ?? '',
  examination: visit.examination ?? '',
  plan: visit.plan ?? '',
});

export const notesDirty = (draft: NotesDraft, visit: Visit) => NOTE_FIELDS.some((f) => draft[f] !== notesOf(visit)[f]);

/** The visit's draft notes, kept across a screen lock until saved. */
export function useNotesDraft(visit: Visit) {
  return useDraft<NotesDraft>(`visit-notes.${visit.id}`, () => notesOf(visit));
}

/**
 * Chief complaint, history, examination and plan. Saved only when the doctor presses save (each
 * save is a new version of the visit); the screen says whether what she sees is saved.
 */
export function VisitNotes({
  station,
  visit,
  draft,
  setDraft,
  onSaved,
}: {
  station: StationApi;
  visit: Visit;
  draft: NotesDraft;
  setDraft: (next: NotesDraft) => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const { errors, failure, busy, send } = useSubmission();
  const open = visit.status === 'in-progress';
  const dirty = notesDirty(draft, visit);

  const save = (event: FormEvent) => {
    event.preventDefault();
    send(
      () => station.visits.saveNotes({ visitId: visit.id, ...draft }),
      (saved) => {
        setDraft(notesOf(saved));
        onSaved();
      },
    );
  };

  return (
    <form className="visit-notes" onSubmit={save} aria-labelledby="notes-title">
      <h2 id="notes-title">{t('visit.notes')}</h2>
      {NOTE_FIELDS.map((field) => (
        <TextField
          key={field}
          label={t(`visit.${field}`)}
          value={draft[field]}
          onChange={(value) => setDraft({ ...draft, [field]: value })}
          issues={errors[field]}
          multiline
          readOnly={!open}
          maxLength={field === 'chiefComplaint' ? 500 : 4000}
        />
      ))}
      <Failure message={failure} />
      {open && (
        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy || !dirty}>
            {busy ? t('common.saving') : t('visit.saveNotes')}
          </button>
          <span role="status" className={dirty ? 'status-warn' : 'status-good'} data-testid="notes-state">
            {dirty ? t('visit.notesUnsaved') : t('visit.notesSaved')}
          </span>
        </div>
      )}
    </form>
  );
}
