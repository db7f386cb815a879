import type Database from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import type { ConsultPhotoInput } from '../../contract/consults/consult.js';
import { MAX_PHOTO_BYTES } from '../../contract/consults/consult.js';
import { StationError } from '../../contract/errors.js';
import { encounterRef, patientRef, practitionerRef } from '../records/fhir-resources.js';
import { appendRecord } from '../records/ledger.js';
import type { Actor } from '../records/ledger.js';
import { requireOpenVisit } from '../records/visits.js';

/** The first bytes each accepted image type starts with. */
const SIGNATURES: Record<ConsultPhotoInput['contentType'], number[]> = {
  'image/jpeg': [0xff, 0xd8, 0xff],
  'image/png': [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
};

/** The photo's bytes, refused unless they are the image type they claim to be and small enough. */
export function photoBytes(input: Pick<ConsultPhotoInput, 'contentType' | 'data'>): Buffer {
  const bytes = Buffer.from(input.data, 'base64');
  const signature = SIGNATURES[input.contentType];
  const issue = (message: string) =>
    new StationError('invalid_input', { issues: [{ path: ['data'], code: 'custom', message }] });
  if (bytes.length > MAX_PHOTO_BYTES) throw issue('the photo is too large');
  if (bytes.length < signature.length || signature.some((b, i) => bytes[i] !== b))
    throw issue(`not a ${input.contentType} image`);
  return bytes;
}

/**
 * Keeps a photo in an open visit as a FHIR Media record (bytes inline, base64), on the consult
 * lane: it is taken to be sent with a consult request. A body over 64 KB travels as a
 * resumable upload before the record itself, like an ECG strip.
 */
export function addConsultPhoto(db: Database.Database, actor: Actor, input: ConsultPhotoInput, at: string): string {
  const size = photoBytes(input).length;
  const photoId = uuidv7();
  db.transaction(() => {
    const { patientId } = requireOpenVisit(db, input.visitId);
    appendRecord(
      db,
      actor,
      {
        id: photoId,
        version: 1,
        type: 'Media',
        patientId,
        encounterId: input.visitId,
        status: 'completed',
        body: {
          resourceType: 'Media',
          id: photoId,
          status: 'completed',
          type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/media-type', code: 'image' }] },
          subject: patientRef(patientId),
          encounter: encounterRef(input.visitId),
          createdDateTime: at,
          operator: practitionerRef(actor.userId),
          content: {
            contentType: input.contentType,
            data: input.data,
            size,
            ...(input.title ? { title: input.title } : {}),
          },
        },
      },
      'create',
      at,
      'consult',
    );
  }).immediate();
  return photoId;
}
