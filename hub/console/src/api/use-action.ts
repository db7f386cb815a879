import { useState } from 'react';
import { useErrorText } from './use-error-text.js';

/**
 * One call the admin starts from a form or a button: busy while it runs, and a failure as a
 * message in the chosen language. `setError` shows a message found before calling.
 */
export function useAction() {
  const errorText = useErrorText();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = <T>(call: () => Promise<T>, onDone: (value: T) => void): void => {
    setBusy(true);
    setError(null);
    call().then(
      (value) => {
        setBusy(false);
        onDone(value);
      },
      (reason: unknown) => {
        setBusy(false);
        setError(errorText(reason));
      },
    );
  };
  return { busy, error, setError, run };
}
