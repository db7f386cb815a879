import { IdCardData } from '../../contract/records/patient.js';
import type { IdCardEvent } from '../../drivers/core/events.js';
import { toIdCardData } from '../../drivers/id-card/id-card-data.js';

/**
 * The card as the registration form's prefill call takes it, or null when the chip's text
 * does not fit (a misread, a sex code that is neither male nor female): the reader shows an
 * error instead of filling the form with it. The photo stays in the core; the renderer never
 * receives it.
 */
export function idCardDataOf(event: IdCardEvent): IdCardData | null {
  const data = toIdCardData(event.card);
  if (!data) return null;
  const parsed = IdCardData.safeParse(data);
  return parsed.success ? parsed.data : null;
}
