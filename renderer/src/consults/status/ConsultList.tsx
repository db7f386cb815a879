import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConsultSummary, StationApi } from '../../../../contract/index.js';
import { useNow } from '../../sync/use-sync-status.js';
import { ConsultCard } from './ConsultCard.js';

/** Waiting times move on by the minute; a few redraws a minute keep them honest. */
const TICK_MS = 15_000;

/** Consults as cards, or a line saying there are none. */
export function ConsultList({
  station,
  consults,
  onChanged,
  headingOf,
  empty,
}: {
  station: StationApi;
  consults: readonly ConsultSummary[];
  onChanged: () => void;
  headingOf?: (c: ConsultSummary) => ReactNode;
  empty?: string;
}) {
  const { t } = useTranslation();
  const now = useNow(TICK_MS);
  if (consults.length === 0) return <p className="muted">{empty ?? t('consults.none')}</p>;
  return (
    <div className="consult-list">
      {consults.map((c) => (
        <ConsultCard
          key={c.consultId}
          station={station}
          consult={c}
          now={now}
          onChanged={onChanged}
          heading={headingOf?.(c)}
        />
      ))}
    </div>
  );
}
