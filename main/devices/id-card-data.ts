import { IdCardData } from '../../contract/records/patient.js';
import type { IdCardEvent } from '../../drivers/core/events.js';

const date = (yyyymmdd: string) =>
  /^\d{8}$/.test(yyyymmdd) ? `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}` : yyyymmdd;

/**
 * The card as the registration form's prefill call takes it, or null when the chip's text
 * does not fit (a misread): the reader shows an error instead of filling the form with it.
 * The photo stays with the device manager; the renderer never receives it.
 */
export function idCardDataOf(event: IdCardEvent): IdCardData | null {
  const { card } = event;
  const parsed = IdCardData.safeParse({
    name: card.name,
    sex: card.sex === 'unknown' ? undefined : card.sex,
    ethnicity: card.ethnicity || undefined,
    birthDate: date(card.birthDate),
    address: card.address || undefined,
    nationalId: card.nationalId,
    issuingAuthority: card.issuer || undefined,
    validFrom: card.validFrom ? date(card.validFrom) : undefined,
    validTo: card.validUntil ? date(card.validUntil) : undefined,
  });
  return parsed.success ? parsed.data : null;
}
