import type { Card } from './card.js';
import type { SimulatedCard } from './simulator.js';

/** A photo stand-in: 1024 bytes, every value present, no two neighbours alike. */
export const fakePhoto = (seed = 0): Uint8Array =>
  Uint8Array.from({ length: 1024 }, (_, i) => (i * 37 + seed * 11 + (i >> 8)) & 0xff);

/** Test data: a resident card as the chip stores it. */
export const ZHANG_SAN: SimulatedCard = {
  name: '张三',
  sexCode: '1',
  ethnicityCode: '01',
  birthDate: '19800115',
  address: '云南省昆明市五华区青年路123号',
  nationalId: '53010219800115001X',
  issuer: '昆明市公安局五华分局',
  validFrom: '20150601',
  validUntil: '20350601',
  photo: fakePhoto(1),
};

/** ZHANG_SAN as the driver must decode it, photo aside (written out, not derived from the chip form). */
export const ZHANG_SAN_DECODED: Omit<Card, 'photo'> = {
  name: '张三',
  sex: 'male',
  ethnicity: '汉',
  birthDate: '1980-01-15',
  address: '云南省昆明市五华区青年路123号',
  nationalId: '53010219800115001X',
  issuer: '昆明市公安局五华分局',
  validFrom: '2015-06-01',
  validUntil: '2035-06-01',
};

/** Test data: an older holder with a long-term card and a minority name with the middle dot. */
export const LONG_TERM_CARD: SimulatedCard = {
  name: '阿依古丽·买买提',
  sexCode: '2',
  ethnicityCode: '05',
  birthDate: '19600229',
  address: '新疆维吾尔自治区乌鲁木齐市天山区解放北路88号',
  nationalId: '650102196002290023',
  issuer: '乌鲁木齐市公安局天山分局',
  validFrom: '20120301',
  validUntil: '长期',
  photo: fakePhoto(2),
};
