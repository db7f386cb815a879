import type { IdCardData } from '../../contract/records/patient.js';
import type { Card } from './card.js';

/**
 * The card in the shape `patients.prefillFromIdCard` takes. Null when the card's sex code is
 * neither male nor female: the registration form needs one of the two and the station should
 * not guess (resident cards carry 1 or 2 in practice).
 */
export function toIdCardData(card: Card): IdCardData | null {
  if (card.sex === 'unknown') return null;
  return {
    name: card.name,
    sex: card.sex,
    ...(card.ethnicity === '' ? {} : { ethnicity: card.ethnicity }),
    birthDate: card.birthDate,
    ...(card.address === '' ? {} : { address: card.address }),
    nationalId: card.nationalId,
    ...(card.issuer === '' ? {} : { issuingAuthority: card.issuer }),
    validFrom: card.validFrom,
    validTo: card.validUntil,
  };
}
