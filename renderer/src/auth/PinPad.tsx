import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', 'clear', '0', 'back'] as const;

/** A touch keypad for a 4–8 digit PIN; the physical keyboard works too. */
export function PinPad({
  onSubmit,
  busy,
  error,
}: {
  onSubmit: (pin: string) => void;
  busy: boolean;
  error: string | null;
}) {
  const { t } = useTranslation();
  const [pin, setPin] = useState('');
  const press = (key: (typeof KEYS)[number]) => {
    if (key === 'clear') setPin('');
    else if (key === 'back') setPin((p) => p.slice(0, -1));
    else setPin((p) => (p.length < 8 ? p + key : p));
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (pin.length >= 4) onSubmit(pin);
    setPin('');
  };
  return (
    <form className="pin-pad" onSubmit={submit}>
      <label className="pin-label">
        {t('auth.pin')}
        <input
          type="password"
          inputMode="numeric"
          autoComplete="off"
          value={pin}
          maxLength={8}
          onChange={(e) => setPin(e.target.value.replace(/\D/g, '').slice(0, 8))}
          aria-invalid={error !== null}
          aria-describedby={error ? 'pin-error' : undefined}
          autoFocus
        />
      </label>
      {error && (
        <p id="pin-error" className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="pin-keys">
        {KEYS.map((key) => (
          <button
            key={key}
            type="button"
            onClick={() => press(key)}
            aria-label={key.length > 1 ? t(`auth.${key}`) : key}
          >
            {key === 'clear' ? 'C' : key === 'back' ? '⌫' : key}
          </button>
        ))}
      </div>
      <button type="submit" className="primary" disabled={busy || pin.length < 4}>
        {t('auth.confirm')}
      </button>
    </form>
  );
}
