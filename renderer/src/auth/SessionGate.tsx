import { useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { StationApi, UserSummary } from '../../../contract/index.js';
import { useErrorMessage } from '../use-error-message.js';
import { PinPad } from './PinPad.js';
import { useActivityHeartbeat, useSession } from './use-session.js';

function useAttempt() {
  const errorMessage = useErrorMessage();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const attempt = (action: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    action().then(
      () => setBusy(false),
      (reason: unknown) => {
        setBusy(false);
        setError(errorMessage(reason));
      },
    );
  };
  return { busy, error, attempt };
}

function SignIn({ station }: { station: StationApi }) {
  const { t } = useTranslation();
  const [users, setUsers] = useState<UserSummary[]>([]);
  const [chosen, setChosen] = useState<UserSummary | null>(null);
  const { busy, error, attempt } = useAttempt();
  useEffect(() => {
    void station.auth.users({}).then(setUsers, () => setUsers([]));
  }, [station]);
  return (
    <section className="panel auth-panel">
      <h1>{t('auth.signInTitle')}</h1>
      <div className="user-list" role="group" aria-label={t('auth.chooseDoctor')}>
        {users.map((user) => (
          <button key={user.id} type="button" aria-pressed={chosen?.id === user.id} onClick={() => setChosen(user)}>
            {user.displayName}
          </button>
        ))}
      </div>
      {chosen && (
        <PinPad
          busy={busy}
          error={error}
          onSubmit={(pin) => attempt(() => station.auth.signIn({ userId: chosen.id, pin }))}
        />
      )}
    </section>
  );
}

function FirstUser({ station }: { station: StationApi }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const { busy, error, attempt } = useAttempt();
  return (
    <section className="panel auth-panel">
      <h1>{t('auth.setupTitle')}</h1>
      <p>{t('auth.setupBody')}</p>
      <label className="field">
        {t('auth.displayName')}
        <input value={name} maxLength={64} onChange={(e) => setName(e.target.value)} />
      </label>
      <PinPad
        busy={busy || name.trim() === ''}
        error={error}
        onSubmit={(pin) => attempt(() => station.auth.createFirstUser({ displayName: name, pin }))}
      />
    </section>
  );
}

function Locked({ station, user }: { station: StationApi; user: UserSummary }) {
  const { t } = useTranslation();
  const { busy, error, attempt } = useAttempt();
  return (
    <section className="panel auth-panel">
      <h1>{t('auth.lockedTitle', { name: user.displayName })}</h1>
      <PinPad busy={busy} error={error} onSubmit={(pin) => attempt(() => station.auth.unlock({ pin }))} />
      <button type="button" className="link-button" onClick={() => void station.auth.signOut({})}>
        {t('auth.switchDoctor')}
      </button>
    </section>
  );
}

/**
 * Shows its children only to a signed-in, unlocked doctor. Patient data never renders behind a
 * lock: the lock replaces the screen, and the core refuses calls while locked anyway.
 */
export function SessionGate({ station, children }: { station: StationApi; children: ReactNode }) {
  const { t } = useTranslation();
  const session = useSession(station);
  useActivityHeartbeat(station, session?.state === 'active');
  if (session === null) return <p>{t('status.loading')}</p>;
  if (session.state === 'signed_out')
    return session.needsSetup ? <FirstUser station={station} /> : <SignIn station={station} />;
  if (session.state === 'locked') return <Locked station={station} user={session.user} />;
  return <>{children}</>;
}

/** The signed-in doctor's name and a lock button, for the top bar. */
export function SessionBadge({ station }: { station: StationApi }) {
  const { t } = useTranslation();
  const session = useSession(station);
  if (session?.state !== 'active') return null;
  return (
    <div className="session-badge">
      <span data-testid="signed-in-doctor">{session.user.displayName}</span>
      <button type="button" onClick={() => void station.auth.lock({})}>
        {t('auth.lock')}
      </button>
    </div>
  );
}
