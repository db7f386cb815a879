import { useTranslation } from 'react-i18next';
import type { CallRecord } from '../../../../contract/index.js';
import { useFormatters } from '../../../components/format.js';
import { callLength } from '../consult-words.js';
import { useConsultWords } from '../use-consult-words.js';

/** The calls of a consult: when each started, how long it lasted and how its quality moved. */
export function CallHistory({ calls }: { calls: readonly CallRecord[] }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const words = useConsultWords();
  if (calls.length === 0) return null;
  return (
    <details className="consult-calls" data-testid="consult-calls">
      <summary>{t('consults.calls.title', { count: calls.length })}</summary>
      <ol>
        {calls.map((call) => (
          <li key={call.callId} data-testid="consult-call">
            <span>{t('consults.calls.started', { when: format.dateTime(call.startedAt) })}</span>{' '}
            <span data-testid="consult-call-length">
              {call.durationSeconds === null
                ? t('consults.calls.ongoing')
                : t('consults.calls.lasted', { length: callLength(call.durationSeconds) })}
            </span>
            {call.steps.length > 0 && (
              <ul className="consult-steps">
                {call.steps.map((step, i) => (
                  <li key={i} data-testid="consult-call-step">
                    {format.timeOfDay(step.at)}{' '}
                    {t('consults.calls.step', {
                      from: words.mode(step.from),
                      to: words.mode(step.to),
                      reason: words.stepReason(step.reason),
                    })}
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ol>
    </details>
  );
}
