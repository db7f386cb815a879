import { useTranslation } from 'react-i18next';
import type { FieldIssue } from '../../../contract/errors.js';

/**
 * Words a field issue in the user's language. The core sends a message key (`date.future`,
 * `vitals.out_of_limits`); a check that only sets its code is looked up by code; schema
 * defaults (`invalid_type`) fall back to a generic sentence rather than zod's English.
 */
export function useIssueText(): (issue: FieldIssue) => string {
  const { t, i18n } = useTranslation();
  const isText = (key: string) => typeof i18n.getResource(i18n.language, 'translation', key) === 'string';
  return (issue) => {
    const candidates = [
      `fieldErrors.${issue.message}`,
      issue.message,
      `fieldErrors.${issue.code}`,
      issue.code,
      `fieldErrors.zod.${issue.code}`,
    ];
    const key = candidates.find((k) => /^[\w.-]+$/.test(k) && isText(k));
    return key === undefined ? t('fieldErrors.invalid') : t(key, issue.params ?? {});
  };
}
