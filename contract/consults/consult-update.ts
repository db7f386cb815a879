import { z } from 'zod';
import { ConsultNote, ConsultState, Specialty } from './consult.js';

const IsoTime = z.iso.datetime({ offset: true });

/**
 * What the hub tells a station about one of its consults, as a pull item of kind `consult`:
 * the consult's whole state as the hub sees it after a change, so the newest item wins.
 * A note comes with the id the station's Communication record takes, so applying it twice
 * writes it once.
 */
export const ConsultUpdate = z.object({
  consultId: z.uuid(),
  state: ConsultState,
  routedSpecialty: Specialty,
  widenedAt: IsoTime.nullable(),
  specialist: z.object({ name: z.string().max(100) }).nullable(),
  acceptedAt: IsoTime.nullable(),
  callingAt: IsoTime.nullable(),
  answeredAt: IsoTime.nullable(),
  note: ConsultNote.extend({ noteId: z.uuid(), authoredAt: IsoTime }).nullable(),
});
export type ConsultUpdate = z.infer<typeof ConsultUpdate>;
