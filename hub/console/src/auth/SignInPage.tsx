import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConsoleMe } from '../../../server/consults/console-wire.js';
import { useAdminClient } from '../api/client-context.js';
import { useConsoleClient } from '../api/console-context.js';
import { useAction } from '../api/use-action.js';

/** Username and password; on success the console opens with the new session and what it may do. */
export function SignInPage({ onSignedIn }: { onSignedIn: (me: ConsoleMe) => void }) {
  const { t } = useTranslation();
  const client = useAdminClient();
  const consoleClient = useConsoleClient();
  const { busy, error, run } = useAction();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    run(
      async () => {
        await client.login(username.trim(), password);
        return consoleClient.me();
      },
      (me) => {
        setPassword('');
        onSignedIn(me);
      },
    );
  };

  return (
    <section className="panel sign-in">
      <h1>{t('signIn.title')}</h1>
      <form onSubmit={submit}>
        <label className="field">
          <span>{t('signIn.username')}</span>
          <input
            name="username"
            autoComplete="username"
            required
            maxLength={64}
            value={username}
            onChange={(event) => setUsername(event.target.value)}
          />
        </label>
        <label className="field">
          <span>{t('signIn.password')}</span>
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            required
            maxLength={1024}
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
        </label>
        {error && (
          <p className="banner banner-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="button-primary" disabled={busy}>
          {busy ? t('signIn.busy') : t('signIn.submit')}
        </button>
      </form>
    </section>
  );
}
