import { describe, expect, it } from 'vitest';
import { MAX_PHOTO_BYTES } from '../../contract/consults/consult.js';
import { StationError } from '../../contract/errors.js';
import { photoBytes } from './consult-photos.js';

const jpeg = (size: number) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(size - 3, 7)]);
const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return error instanceof StationError ? error.code : 'other';
  }
  return null;
};

describe('consult photo bytes', () => {
  it('keeps an image of the type it claims, byte for byte, up to the limit', () => {
    const bytes = jpeg(MAX_PHOTO_BYTES);
    expect(photoBytes({ contentType: 'image/jpeg', data: bytes.toString('base64') }).equals(bytes)).toBe(true);
  });

  it('refuses a picture over the limit, bytes that are not the claimed type, and empty data', () => {
    expect(
      refusal(() => photoBytes({ contentType: 'image/jpeg', data: jpeg(MAX_PHOTO_BYTES + 1).toString('base64') })),
    ).toBe('invalid_input');
    expect(refusal(() => photoBytes({ contentType: 'image/png', data: jpeg(100).toString('base64') }))).toBe(
      'invalid_input',
    );
    expect(refusal(() => photoBytes({ contentType: 'image/jpeg', data: '' }))).toBe('invalid_input');
  });
});
