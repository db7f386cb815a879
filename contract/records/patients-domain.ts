import { z } from 'zod';
import { call } from '../define.js';
import { NoInput } from '../station.js';
import {
  DuplicateCandidate,
  IdCardData,
  IdCardPrefill,
  PatientInput,
  PatientRecord,
  PatientSummary,
} from './patient.js';
import {
  CorrectionReason,
  DiagnosisInput,
  FollowUpItem,
  OpenVisitInput,
  RecordId,
  TimelineEntry,
  Trends,
  Visit,
  VisitNotesInput,
} from './visit.js';
import { VitalsInput } from './vitals.js';
import { DemographicConflict, UpdateDemographicsInput, UpdateDemographicsResult } from './demographics.js';

const ById = z.object({ id: RecordId }).strict();

export const patientsDomain = {
  /** Name, full pinyin, initials, any 4+ digit part of the national ID, or phone. */
  search: call(
    z.object({ query: z.string().max(64), limit: z.number().int().min(1).max(100).optional() }).strict(),
    z.array(PatientSummary),
  ),
  /** Likely duplicates of a patient about to be registered, shown before the doctor decides. */
  checkDuplicates: call(
    z
      .object({ name: z.string().max(64), birthDate: z.string().max(10), phone: z.string().max(20).optional() })
      .strict(),
    z.array(DuplicateCandidate),
  ),
  register: call(
    z
      .object({
        patient: PatientInput,
        notDuplicateOf: z.array(RecordId).max(20).optional(),
        acceptIdMismatch: z.boolean().optional(),
      })
      .strict(),
    z.object({ id: z.string() }),
  ),
  get: call(ById, PatientRecord),
  /** Every version of every record, newest first. */
  timeline: call(
    z.object({ id: RecordId, limit: z.number().int().min(1).max(2000).optional() }).strict(),
    z.array(TimelineEntry),
  ),
  trends: call(ById, Trends),
  /** Hypertension and type-2 diabetes patients due or overdue for their quarterly follow-up. */
  followUps: call(NoInput, z.array(FollowUpItem)),
  /** The registration form as an ID card fills it (the reader arrives with the devices). */
  prefillFromIdCard: call(z.object({ card: IdCardData }).strict(), IdCardPrefill),
  /** A FHIR R4 Bundle (collection) of everything the station holds for the patient. */
  exportFhir: call(ById, z.record(z.string(), z.unknown())),
  /** Edits name, sex, birth date, contact details…; merged per field with edits made at the hub. */
  updateDemographics: call(UpdateDemographicsInput, UpdateDemographicsResult),
  /** Values that lost to a concurrent edit of the same field (here or at the hub), newest first. */
  demographicConflicts: call(z.object({ patientId: RecordId }).strict(), z.array(DemographicConflict)),
} as const;

export const visitsDomain = {
  open: call(OpenVisitInput, z.object({ id: z.string() })),
  get: call(ById, Visit),
  saveNotes: call(VisitNotesInput, Visit),
  recordVitals: call(
    z.object({ visitId: RecordId, vitals: VitalsInput }).strict(),
    z.object({ observationIds: z.array(z.string()) }),
  ),
  addDiagnosis: call(DiagnosisInput, z.object({ id: z.string() })),
  /** The shipped ICD-10 list, by code, Chinese name, pinyin or initials ("gxy" → 高血压). */
  searchDiagnoses: call(
    z.object({ query: z.string().max(32), limit: z.number().int().min(1).max(50).optional() }).strict(),
    z.array(z.object({ code: z.string(), zh: z.string(), en: z.string() })),
  ),
  close: call(ById, Visit),
  /** A mistyped reading gets an amended version that points at the old one. */
  amendVital: call(
    z.object({ observationId: RecordId, vitals: VitalsInput, reason: CorrectionReason }).strict(),
    z.object({ id: z.string(), version: z.number().int() }),
  ),
  /** A reading or a diagnosis that should never have been recorded: marked, never deleted. */
  enteredInError: call(
    z.object({ recordId: RecordId, reason: CorrectionReason }).strict(),
    z.object({ id: z.string(), version: z.number().int() }),
  ),
} as const;
