import { useState } from 'react';
import { stationErrorOf } from '../../../contract/errors.js';
import type { StationError } from '../../../contract/errors.js';
import { useErrorMessage } from '../use-error-message.js';
import { fieldErrorsOf, NO_ERRORS } from './field-issues.js';
import type { FieldErrors } from './field-issues.js';

/**
 * One call a form sends: busy while it runs, field errors next to their fields when the core
 * refuses the input, any other failure as one localized message. `issuePrefix` strips the
 * part of an issue path that names the nested input (e.g. "vitals").
 */
export function useSubmission(issuePrefix?: string) {
  const errorMessage = useErrorMessage();
  const [errors, setErrors] = useState<FieldErrors>(NO_ERRORS);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const send = <T>(
    call: () => Promise<T>,
    onDone: (value: T) => void,
    /** Handles a refusal itself (returns true) before the general handling. */
    onRefused?: (error: StationError) => boolean,
  ) => {
    setBusy(true);
    setErrors(NO_ERRORS);
    setFailure(null);
    call().then(
      (value) => {
        setBusy(false);
        onDone(value);
      },
      (error: unknown) => {
        setBusy(false);
        const e = stationErrorOf(error);
        if (onRefused?.(e)) return;
        if (e.code === 'invalid_input' && e.details?.issues) setErrors(fieldErrorsOf(e.details.issues, issuePrefix));
        else setFailure(errorMessage(error));
      },
    );
  };
  return { errors, failure, busy, send, setErrors };
}

export type Submission = ReturnType<typeof useSubmission>;
