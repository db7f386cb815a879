import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConsultRequestInput, QUESTION_MAX, Specialty, Urgency } from '../../../../contract/index.js';
import { VISIT } from '../consult-fixtures.js';
import { emptyRequest, requestInputOf } from './request-draft.js';
import type { RequestDraft } from './request-draft.js';

const STRIP = '0197a0e0-0000-7000-8000-0000000000ec';
const good: RequestDraft = { ...emptyRequest(STRIP), specialty: 'cardiology', question: '  Chest pain?  ' };
const pathsOf = (draft: RequestDraft) => {
  const result = requestInputOf(draft, VISIT);
  return result.ok ? [] : result.issues.map((i) => `${i.path.join('.')}:${i.message}`);
};

describe('the consult request form', () => {
  it('starts routine, with vitals attached and the proposed strip', () => {
    expect(emptyRequest(STRIP)).toEqual({
      specialty: '',
      urgency: 'routine',
      question: '',
      attachVitals: true,
      ecgObservationId: STRIP,
      photos: [],
    });
  });

  it('sends a good form as the contract wants it, the question trimmed', () => {
    expect(requestInputOf(good, VISIT)).toEqual({
      ok: true,
      input: {
        visitId: VISIT,
        specialty: 'cardiology',
        urgency: 'routine',
        question: 'Chest pain?',
        attachVitals: true,
        ecgObservationId: STRIP,
        photoIds: [],
      },
    });
  });

  it('puts each problem on its field and sends nothing', () => {
    expect(pathsOf(emptyRequest(null))).toEqual(['specialty:consult.specialty_required', 'question:text.required']);
    expect(pathsOf({ ...good, question: ' \n\t ' })).toEqual(['question:text.required']);
    expect(pathsOf({ ...good, question: 'x'.repeat(QUESTION_MAX + 1) })).toEqual([
      'question:consult.question_too_long',
    ]);
    const badStrip = requestInputOf({ ...good, ecgObservationId: 'not-a-record' }, VISIT);
    expect(badStrip.ok ? [] : badStrip.issues.map((i) => [i.path.join('.'), i.code])).toEqual([
      ['ecgObservationId', 'invalid_format'],
    ]);
  });

  it('counts the limit after trimming, as the core does', () => {
    expect(requestInputOf({ ...good, question: ` ${'x'.repeat(QUESTION_MAX)} ` }, VISIT).ok).toBe(true);
    const tooLong = requestInputOf({ ...good, question: 'x'.repeat(QUESTION_MAX + 1) }, VISIT);
    expect(tooLong.ok ? null : tooLong.issues[0]?.params).toEqual({ max: QUESTION_MAX });
  });

  it('accepts exactly what the contract accepts, for any filled-in form', () => {
    const draft = fc.record({
      specialty: fc.constantFrom('' as const, ...Specialty.options),
      urgency: fc.constantFrom(...Urgency.options),
      question: fc.string({ maxLength: QUESTION_MAX + 20 }),
      attachVitals: fc.boolean(),
      ecgObservationId: fc.constantFrom(null, STRIP, 'bad'),
      photos: fc.constantFrom<RequestDraft['photos']>(
        [],
        [{ id: STRIP, preview: 'blob:x' }],
        [{ id: 'bad', preview: 'blob:y' }],
      ),
    });
    fc.assert(
      fc.property(draft, (d) => {
        const result = requestInputOf(d, VISIT);
        const { photos, ...rest } = d;
        const contract = ConsultRequestInput.safeParse({
          ...rest,
          photoIds: photos.map((p) => p.id),
          visitId: VISIT,
          question: d.question.trim(),
        });
        expect(result.ok).toBe(contract.success && d.specialty !== '');
        if (result.ok) expect(result.input.question).toBe(d.question.trim());
      }),
    );
  });
});
