import type { HandlersOf } from '../../contract/define.js';
import type { StationContract } from '../../contract/index.js';
import type { StationSession } from './session.js';

/** The `auth` domain's handlers. */
export function authHandlers(session: StationSession): HandlersOf<StationContract>['auth'] {
  return {
    users: () => session.users(),
    session: () => session.state(),
    sessionChanges: (_input, emit) => {
      emit(session.state());
      return session.subscribe(emit);
    },
    signIn: ({ userId, pin }) => session.signIn(userId, pin),
    unlock: ({ pin }) => session.unlock(pin),
    lock: () => session.lock(),
    activity: () => {
      if (session.state().state === 'active') session.requireActor();
      return session.state();
    },
    signOut: () => session.signOut(),
    createFirstUser: ({ displayName, pin }) => session.createFirstUser(displayName, pin),
  };
}
