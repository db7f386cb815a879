import { ConsultNote } from '../../../../contract/consults/consult.js';

export type NoteField = keyof ConsultNote;
export const NOTE_FIELDS: readonly NoteField[] = ['assessment', 'advice', 'followUp'];

/** The note as typed: checked against the contract, with every field that is wrong named. */
export function checkNote(
  draft: Readonly<Record<NoteField, string>>,
): { ok: true; note: ConsultNote } | { ok: false; fields: NoteField[] } {
  const parsed = ConsultNote.safeParse(draft);
  if (parsed.success) return { ok: true, note: parsed.data };
  const fields = new Set(parsed.error.issues.map((issue) => issue.path[0]));
  return { ok: false, fields: NOTE_FIELDS.filter((f) => fields.has(f)) };
}
