import { describe, expect, it } from 'vitest';
import { draftFromCard, emptyDraft, validateDraft } from './registration-draft.js';

const paths = (result: ReturnType<typeof validateDraft>) =>
  result.ok ? [] : result.issues.map((i) => `${i.path.join('.')}:${i.message}`).sort();

describe('validateDraft', () => {
  it('names every missing required field at once, with the contract’s message keys', () => {
    expect(paths(validateDraft(emptyDraft()))).toEqual(
      expect.arrayContaining(['name:text.required', 'birthDate:date.format', 'village:text.required']),
    );
    expect(paths(validateDraft(emptyDraft())).some((p) => p.startsWith('sex:'))).toBe(true);
  });

  it('checks the ID as the core does and points at the allergy row on screen', () => {
    const draft = {
      ...emptyDraft(),
      name: '李明',
      sex: 'male' as const,
      birthDate: '1980-05-01',
      village: '红星村',
      nationalId: '110105198005010012',
      allergies: [
        { key: 1, substance: '青霉素', reaction: '', severity: '' as const },
        { key: 2, substance: '', reaction: '皮疹', severity: '' as const },
      ],
    };
    expect(paths(validateDraft(draft))).toEqual([
      'allergies.1.substance:text.required',
      'nationalId:national_id.check_digit',
    ]);
  });

  it('sends what was typed, leaving out empty optional fields', () => {
    const result = validateDraft({
      ...emptyDraft(),
      name: ' 张秀英 ',
      sex: 'female',
      birthDate: '1949-12-31',
      nationalId: '11010519491231002X',
      phone: '138 0013 8000',
      village: '东风村',
      chronicConditions: ['hypertension'],
      telemedicine: true,
    });
    expect(result).toEqual({
      ok: true,
      input: {
        name: '张秀英',
        sex: 'female',
        birthDate: '1949-12-31',
        nationalId: '11010519491231002X',
        phone: '13800138000',
        village: '东风村',
        allergies: [],
        chronicConditions: ['hypertension'],
        consent: { telemedicine: true, shareWithHub: false },
      },
    });
  });
});

describe('draftFromCard', () => {
  const fields = {
    name: '王秀英',
    sex: 'female' as const,
    birthDate: '1956-03-08',
    nationalId: '11010119560308002X',
    address: '北京市东城区某某村 12 号',
  };

  it('fills the identity from the card and keeps what else was typed', () => {
    const typed = { ...emptyDraft(), name: '王秀', phone: '13800138000', village: '东村' };
    expect(draftFromCard(typed, fields)).toEqual({ ...typed, ...fields });
  });

  it('keeps a typed address when the card has none', () => {
    const typed = { ...emptyDraft(), address: '西村 3 号' };
    expect(draftFromCard(typed, { ...fields, address: null }).address).toBe('西村 3 号');
  });
});
