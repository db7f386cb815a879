import { describe, expect, it } from 'vitest';
import { StationError, stationErrorOf } from './errors.js';

describe('stationErrorOf', () => {
  it('keeps a StationError as it is', () => {
    const error = new StationError('not_found');
    expect(stationErrorOf(error)).toBe(error);
  });

  it('reads the code back from an error copied across contextBridge (message only)', () => {
    const copied = new Error(new StationError('invalid_input').message);
    expect(stationErrorOf(copied).code).toBe('invalid_input');
    expect(stationErrorOf(copied).messageKey).toBe('errors.invalid_input');
  });

  it('reads a plain error shape', () => {
    expect(stationErrorOf({ code: 'disconnected', messageKey: 'errors.disconnected' }).code).toBe('disconnected');
  });

  it.each([new Error('station error: drop_tables'), new Error('boom'), 'text', null, { code: 42 }])(
    'maps anything else (%j) to internal',
    (value) => {
      expect(stationErrorOf(value).code).toBe('internal');
    },
  );
});
