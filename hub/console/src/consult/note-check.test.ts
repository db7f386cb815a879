import { describe, expect, it } from 'vitest';
import { checkNote } from './note-check.js';

describe('checkNote', () => {
  it('accepts a note with assessment and advice, follow-up optional, trimmed', () => {
    expect(checkNote({ assessment: ' Stable angina ', advice: 'Aspirin 100 mg daily', followUp: '' })).toEqual({
      ok: true,
      note: { assessment: 'Stable angina', advice: 'Aspirin 100 mg daily', followUp: '' },
    });
  });

  it('names every missing or too long field', () => {
    expect(checkNote({ assessment: '   ', advice: '', followUp: '' })).toEqual({
      ok: false,
      fields: ['assessment', 'advice'],
    });
    expect(checkNote({ assessment: 'a', advice: 'b', followUp: 'x'.repeat(4001) })).toEqual({
      ok: false,
      fields: ['followUp'],
    });
  });
});
