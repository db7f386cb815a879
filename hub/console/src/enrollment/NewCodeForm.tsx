import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CreateEnrollmentCodeRequest, ENROLLMENT_CODE_HOURS } from '../../../server/admin/admin-wire.js';
import type { CreatedEnrollmentCode } from '../../../server/admin/admin-wire.js';
import { useAdminClient } from '../api/client-context.js';
import { useAction } from '../api/use-action.js';

/** Name and validity of a new code; the hub checks both again. */
export function NewCodeForm({ onCreated }: { onCreated: (created: CreatedEnrollmentCode) => void }) {
  const { t } = useTranslation();
  const client = useAdminClient();
  const { busy, error, setError, run } = useAction();
  const [name, setName] = useState('');
  const [hours, setHours] = useState(String(ENROLLMENT_CODE_HOURS.default));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const request = { name, validHours: Number(hours) };
    const checked = CreateEnrollmentCodeRequest.safeParse(request);
    if (!checked.success) {
      const badName = checked.error.issues.some((issue) => issue.path[0] === 'name');
      setError(t(badName ? 'codes.invalidName' : 'codes.invalidHours'));
      return;
    }
    run(
      () => client.createEnrollmentCode(checked.data),
      (created) => {
        setName('');
        onCreated(created);
      },
    );
  };

  return (
    <form className="new-code" onSubmit={submit} noValidate>
      <h2>{t('codes.newTitle')}</h2>
      <label className="field">
        <span>{t('codes.name')}</span>
        <input
          name="name"
          maxLength={100}
          placeholder={t('codes.namePlaceholder')}
          value={name}
          onChange={(event) => setName(event.target.value)}
        />
      </label>
      <label className="field">
        <span>{t('codes.validHours')}</span>
        <input
          name="validHours"
          type="number"
          inputMode="numeric"
          min={ENROLLMENT_CODE_HOURS.min}
          max={ENROLLMENT_CODE_HOURS.max}
          step={1}
          value={hours}
          onChange={(event) => setHours(event.target.value)}
        />
        <small>{t('codes.validHoursHint')}</small>
      </label>
      {error && (
        <p className="banner banner-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="button-primary" disabled={busy}>
        {busy ? t('codes.creating') : t('codes.create')}
      </button>
    </form>
  );
}
