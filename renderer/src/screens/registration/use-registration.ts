import { useState } from 'react';
import { stationErrorOf } from '../../../../contract/errors.js';
import { DuplicateCandidate } from '../../../../contract/records/patient.js';
import type { PatientInput } from '../../../../contract/records/patient.js';
import { parseNationalId } from '../../../../contract/records/national-id.js';
import type { StationApi } from '../../../../contract/index.js';
import { fieldErrorsOf, NO_ERRORS } from '../../forms/field-issues.js';
import type { FieldErrors } from '../../forms/field-issues.js';
import { useErrorMessage } from '../../use-error-message.js';
import { validateDraft } from './registration-draft.js';
import type { RegistrationDraft } from './registration-draft.js';

/** What stopped a registration, for the doctor to decide on. */
export type Hold =
  | { readonly kind: 'none' }
  | { readonly kind: 'duplicates'; readonly candidates: readonly DuplicateCandidate[] }
  | { readonly kind: 'id_registered'; readonly patientId: string }
  | { readonly kind: 'id_mismatch' }
  | { readonly kind: 'error'; readonly message: string };

const NONE: Hold = { kind: 'none' };

function candidatesOf(details: unknown): DuplicateCandidate[] {
  const list = (details as { candidates?: unknown[] } | undefined)?.candidates ?? [];
  return list.flatMap((c) => {
    const parsed = DuplicateCandidate.safeParse(c);
    return parsed.success ? [parsed.data] : [];
  });
}

/**
 * Registration as the issue asks: check the form, look for the same ID and for likely
 * duplicates before anything is written, and turn every refusal into something the doctor
 * can act on. The form itself is never cleared by a refusal.
 */
export function useRegistration(station: StationApi, onRegistered: (id: string) => void) {
  const errorMessage = useErrorMessage();
  const [errors, setErrors] = useState<FieldErrors>(NO_ERRORS);
  const [hold, setHold] = useState<Hold>(NONE);
  const [busy, setBusy] = useState(false);
  const [notDuplicateOf, setNotDuplicateOf] = useState<readonly string[]>([]);

  const existingWithId = async (nationalId: string | undefined): Promise<string | null> => {
    const parsed = nationalId === undefined ? null : parseNationalId(nationalId);
    if (!parsed?.ok) return null;
    const found = await station.patients.search({ query: parsed.value.id18, limit: 1 });
    return found[0]?.id ?? null;
  };

  const send = async (input: PatientInput, dismissed: readonly string[], acceptIdMismatch: boolean) => {
    const existing = await existingWithId(input.nationalId);
    if (existing !== null) return setHold({ kind: 'id_registered', patientId: existing });
    const candidates = (
      await station.patients.checkDuplicates({ name: input.name, birthDate: input.birthDate, phone: input.phone })
    ).filter((c) => !dismissed.includes(c.id));
    if (candidates.length > 0) return setHold({ kind: 'duplicates', candidates });
    const { id } = await station.patients.register({
      patient: input,
      ...(dismissed.length > 0 ? { notDuplicateOf: [...dismissed] } : {}),
      ...(acceptIdMismatch ? { acceptIdMismatch: true } : {}),
    });
    onRegistered(id);
  };

  const refused = (error: unknown) => {
    const e = stationErrorOf(error);
    if (e.code === 'duplicate_national_id' && e.details?.recordId) {
      setHold({ kind: 'id_registered', patientId: e.details.recordId });
    } else if (e.code === 'possible_duplicate') {
      setHold({ kind: 'duplicates', candidates: candidatesOf(e.details) });
    } else if (e.code === 'invalid_input' && e.details?.issues) {
      setErrors(fieldErrorsOf(e.details.issues, 'patient'));
      const mismatch = e.details.issues.some((i) => i.code.startsWith('national_id.mismatch_'));
      setHold(mismatch ? { kind: 'id_mismatch' } : NONE);
    } else {
      setHold({ kind: 'error', message: errorMessage(error) });
    }
  };

  const submit = (
    draft: RegistrationDraft,
    options: { dismissed?: readonly string[]; acceptIdMismatch?: boolean } = {},
  ) => {
    const dismissed = options.dismissed ?? notDuplicateOf;
    const checked = validateDraft(draft);
    if (!checked.ok) {
      setErrors(fieldErrorsOf(checked.issues, 'patient'));
      setHold(NONE);
      return;
    }
    setErrors(NO_ERRORS);
    setHold(NONE);
    setBusy(true);
    send(checked.input, dismissed, options.acceptIdMismatch === true)
      .catch(refused)
      .finally(() => setBusy(false));
  };

  return {
    errors,
    hold,
    busy,
    submit,
    /** The doctor looked at the candidates and says this is someone else. */
    notTheSamePerson: (draft: RegistrationDraft, candidates: readonly DuplicateCandidate[]) => {
      const dismissed = [...new Set([...notDuplicateOf, ...candidates.map((c) => c.id)])];
      setNotDuplicateOf(dismissed);
      submit(draft, { dismissed });
    },
    /** The doctor checked: the typed birth date and sex are right even though the ID says otherwise. */
    keepTypedValues: (draft: RegistrationDraft) => submit(draft, { acceptIdMismatch: true }),
    /** A cleared form starts without old errors. */
    reset: () => {
      setErrors(NO_ERRORS);
      setHold(NONE);
    },
  };
}
