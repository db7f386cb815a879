import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Specialty } from '../../../../contract/consults/consult.js';
import { useAdminClient } from '../api/client-context.js';
import { CreateSpecialistRequest, MIN_PASSWORD_LENGTH } from '../../../server/admin/admin-wire.js';
import type { SpecialistSummary } from '../../../server/admin/admin-wire.js';
import { useAction } from '../api/use-action.js';

const FIELD_ERRORS = {
  username: 'specialists.invalidUsername',
  password: 'specialists.invalidPassword',
  displayName: 'specialists.invalidName',
  specialty: 'specialists.invalidSpecialty',
} as const;

/** A new specialist's sign-in, name and specialty; the hub checks them again. */
export function NewSpecialistForm({ onCreated }: { onCreated: (created: SpecialistSummary) => void }) {
  const { t } = useTranslation();
  const client = useAdminClient();
  const { busy, error, setError, run } = useAction();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [specialty, setSpecialty] = useState<string>('general');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const checked = CreateSpecialistRequest.safeParse({ username: username.trim(), password, displayName, specialty });
    if (!checked.success) {
      const field = checked.error.issues[0]?.path[0];
      setError(t(FIELD_ERRORS[field as keyof typeof FIELD_ERRORS] ?? 'specialists.invalidName'));
      return;
    }
    run(
      () => client.createSpecialist(checked.data),
      (created) => {
        setUsername('');
        setPassword('');
        setDisplayName('');
        onCreated(created);
      },
    );
  };

  return (
    <form className="new-code" onSubmit={submit} noValidate>
      <h2>{t('specialists.newTitle')}</h2>
      <label className="field">
        <span>{t('specialists.displayName')}</span>
        <input
          name="displayName"
          maxLength={100}
          value={displayName}
          onChange={(e) => setDisplayName(e.target.value)}
        />
      </label>
      <label className="field">
        <span>{t('specialists.specialty')}</span>
        <select name="specialty" value={specialty} onChange={(e) => setSpecialty(e.target.value)}>
          {Specialty.options.map((s) => (
            <option key={s} value={s}>
              {t(`specialty.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('specialists.username')}</span>
        <input
          name="username"
          autoComplete="off"
          maxLength={64}
          value={username}
          onChange={(e) => setUsername(e.target.value)}
        />
      </label>
      <label className="field">
        <span>{t('specialists.password')}</span>
        <input
          name="password"
          type="password"
          autoComplete="new-password"
          maxLength={1024}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <small>{t('specialists.passwordHint', { min: MIN_PASSWORD_LENGTH })}</small>
      </label>
      {error && (
        <p className="banner banner-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="button-primary" disabled={busy}>
        {busy ? t('specialists.creating') : t('specialists.create')}
      </button>
    </form>
  );
}
