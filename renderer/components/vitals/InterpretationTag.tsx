import { useTranslation } from 'react-i18next';
import type { Interpretation } from '../../../contract/records/vitals.js';
import { vitalKeys } from './vital-kinds.js';

const ARROWS: Readonly<Record<Interpretation, string>> = { N: '', H: '↑', L: '↓', HH: '↑↑', LL: '↓↓' };

/** An out-of-range flag as words and arrows as well as colour, so it never depends on colour alone. */
export function InterpretationTag({ code, of }: { code: Interpretation | null; of?: string }) {
  const { t } = useTranslation();
  if (code === null) return null;
  const words = t(vitalKeys.interpretation(code));
  return (
    <span className={`flag flag-${code}`} data-interpretation={code}>
      {of ? `${of} ` : ''}
      {words}
      {ARROWS[code] && <span aria-hidden="true"> {ARROWS[code]}</span>}
    </span>
  );
}
