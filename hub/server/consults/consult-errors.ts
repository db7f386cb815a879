import { AdminError } from '../admin/admin-errors.js';

/** Why a specialist's action on a consult was refused. */
export const consultRefusal = {
  notFound: () => new AdminError('not_found', 'no consult with that id'),
  taken: () => new AdminError('already_taken', 'another specialist has accepted this consult'),
  wrongState: (state: string) => new AdminError('wrong_state', `the consult is ${state}`),
  notYours: () => new AdminError('forbidden', 'this consult was accepted by another specialist'),
};
