/**
 * The FHIR R4 resources the station stores as record bodies. Each builder takes what the
 * doctor entered and returns the resource as stored (id included; the version lives in the
 * row and is added as meta.versionId on export).
 */

export const SYSTEMS = {
  /** GB 11643 resident identity card number (typed NI, national unique individual identifier). */
  nationalId: 'https://cunyi.health/fhir/sid/cn-resident-id',
  /** Urban-rural resident basic medical insurance number. */
  insurance: 'https://cunyi.health/fhir/sid/urban-rural-insurance',
  icd10: 'http://hl7.org/fhir/sid/icd-10',
  loinc: 'http://loinc.org',
  ucum: 'http://unitsofmeasure.org',
  observationCategory: 'http://terminology.hl7.org/CodeSystem/observation-category',
  interpretation: 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation',
  conditionCategory: 'http://terminology.hl7.org/CodeSystem/condition-category',
  conditionClinical: 'http://terminology.hl7.org/CodeSystem/condition-clinical',
  conditionVerification: 'http://terminology.hl7.org/CodeSystem/condition-ver-status',
  encounterClass: 'http://terminology.hl7.org/CodeSystem/v3-ActCode',
  visitReason: 'https://cunyi.health/fhir/CodeSystem/visit-reason',
  consentScope: 'http://terminology.hl7.org/CodeSystem/consentscope',
  consentCategory: 'http://loinc.org',
  consentPurpose: 'https://cunyi.health/fhir/CodeSystem/consent-purpose',
  allergyClinical: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical',
  allergyVerification: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification',
  provenanceAgentType: 'http://terminology.hl7.org/CodeSystem/provenance-participant-type',
  /** Serial numbers as a device reports them, scoped by the station driver that read them. */
  deviceSerial: 'https://cunyi.health/fhir/sid/device-serial',
} as const;

const EXT = 'https://cunyi.health/fhir/StructureDefinition';
export const EXTENSIONS = {
  village: `${EXT}/village`,
  notes: `${EXT}/encounter-notes`,
  replaces: `${EXT}/replaces`,
  correctionReason: `${EXT}/correction-reason`,
  glucoseContext: `${EXT}/glucose-context`,
} as const;

export type Resource = { resourceType: string; id: string } & Record<string, unknown>;
type Extension = { url: string; valueString?: string; extension?: Extension[] };

const ref = (type: string, id: string) => ({ reference: `${type}/${id}` });
export const patientRef = (id: string) => ref('Patient', id);
export const encounterRef = (id: string) => ref('Encounter', id);
export const practitionerRef = (id: string) => ref('Practitioner', id);

export interface PatientFacts {
  name: string;
  sex: 'male' | 'female';
  birthDate: string;
  nationalId: string | null;
  phone: string | null;
  village: string;
  address: string | null;
  insuranceNumber: string | null;
  emergencyContact: { name: string; relationship: string | null; phone: string } | null;
}

export function patientResource(id: string, p: PatientFacts): Resource {
  const identifier = [
    ...(p.nationalId
      ? [
          {
            use: 'official',
            type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'NI' }] },
            system: SYSTEMS.nationalId,
            value: p.nationalId,
          },
        ]
      : []),
    ...(p.insuranceNumber ? [{ use: 'secondary', system: SYSTEMS.insurance, value: p.insuranceNumber }] : []),
  ];
  return {
    resourceType: 'Patient',
    id,
    extension: [{ url: EXTENSIONS.village, valueString: p.village }],
    ...(identifier.length ? { identifier } : {}),
    active: true,
    name: [{ use: 'official', text: p.name }],
    ...(p.phone ? { telecom: [{ system: 'phone', value: p.phone, use: 'mobile' }] } : {}),
    gender: p.sex,
    birthDate: p.birthDate,
    address: [{ use: 'home', text: p.address ?? p.village, line: [p.village, ...(p.address ? [p.address] : [])] }],
    ...(p.emergencyContact
      ? {
          contact: [
            {
              relationship: [
                {
                  coding: [
                    {
                      system: 'http://terminology.hl7.org/CodeSystem/v2-0131',
                      code: 'C',
                      display: 'Emergency Contact',
                    },
                  ],
                  ...(p.emergencyContact.relationship ? { text: p.emergencyContact.relationship } : {}),
                },
              ],
              name: { text: p.emergencyContact.name },
              telecom: [{ system: 'phone', value: p.emergencyContact.phone }],
            },
          ],
        }
      : {}),
  };
}

/** Reads the facts back from a stored Patient resource. */
export function patientFacts(body: Resource): PatientFacts {
  const b = body as unknown as {
    extension?: Extension[];
    identifier?: { system: string; value: string }[];
    name: { text: string }[];
    telecom?: { value: string }[];
    gender: 'male' | 'female';
    birthDate: string;
    address?: { line?: string[] }[];
    contact?: { relationship?: { text?: string }[]; name: { text: string }; telecom: { value: string }[] }[];
  };
  const idOf = (system: string) => b.identifier?.find((i) => i.system === system)?.value ?? null;
  const contact = b.contact?.[0];
  return {
    name: b.name[0]?.text ?? '',
    sex: b.gender,
    birthDate: b.birthDate,
    nationalId: idOf(SYSTEMS.nationalId),
    phone: b.telecom?.[0]?.value ?? null,
    village: b.extension?.find((e) => e.url === EXTENSIONS.village)?.valueString ?? '',
    address: b.address?.[0]?.line?.[1] ?? null,
    insuranceNumber: idOf(SYSTEMS.insurance),
    emergencyContact: contact
      ? {
          name: contact.name.text,
          relationship: contact.relationship?.[0]?.text ?? null,
          phone: contact.telecom[0]?.value ?? '',
        }
      : null,
  };
}

export function consentResource(
  id: string,
  patientId: string,
  c: { telemedicine: boolean; shareWithHub: boolean },
  at: string,
  userId: string,
): Resource {
  const provision = (code: 'telemedicine' | 'share-with-hub', permit: boolean) => ({
    type: permit ? 'permit' : 'deny',
    purpose: [{ system: SYSTEMS.consentPurpose, code }],
  });
  return {
    resourceType: 'Consent',
    id,
    status: 'active',
    scope: { coding: [{ system: SYSTEMS.consentScope, code: 'patient-privacy' }] },
    category: [{ coding: [{ system: SYSTEMS.consentCategory, code: '59284-0', display: 'Patient Consent' }] }],
    patient: patientRef(patientId),
    dateTime: at,
    performer: [patientRef(patientId)],
    organization: [{ display: 'village health station' }],
    verification: [{ verified: true, verifiedWith: practitionerRef(userId), verificationDate: at }],
    policyRule: { text: 'Telemedicine and record sharing with the cloud hospital' },
    provision: {
      type: 'permit',
      provision: [provision('telemedicine', c.telemedicine), provision('share-with-hub', c.shareWithHub)],
    },
  };
}

export function consentFacts(body: Resource): {
  telemedicine: boolean;
  shareWithHub: boolean;
  capturedAt: string;
  capturedBy: string;
} {
  const b = body as unknown as {
    dateTime: string;
    verification: { verifiedWith: { reference: string } }[];
    provision: { provision: { type: string; purpose: { code: string }[] }[] };
  };
  const permits = (code: string) => b.provision.provision.find((p) => p.purpose[0]?.code === code)?.type === 'permit';
  return {
    telemedicine: permits('telemedicine'),
    shareWithHub: permits('share-with-hub'),
    capturedAt: b.dateTime,
    capturedBy: (b.verification[0]?.verifiedWith.reference ?? '').replace(/^Practitioner\//, ''),
  };
}

export function allergyResource(
  id: string,
  patientId: string,
  a: { substance: string; reaction?: string | undefined; severity?: 'mild' | 'moderate' | 'severe' | undefined },
  at: string,
  userId: string,
): Resource {
  return {
    resourceType: 'AllergyIntolerance',
    id,
    clinicalStatus: { coding: [{ system: SYSTEMS.allergyClinical, code: 'active' }] },
    verificationStatus: { coding: [{ system: SYSTEMS.allergyVerification, code: 'unconfirmed' }] },
    code: { text: a.substance },
    patient: patientRef(patientId),
    recordedDate: at,
    recorder: practitionerRef(userId),
    ...(a.reaction || a.severity
      ? {
          reaction: [
            {
              manifestation: [{ text: a.reaction ?? a.substance }],
              ...(a.severity ? { severity: a.severity } : {}),
            },
          ],
        }
      : {}),
  };
}

export function allergyFacts(body: Resource): { substance: string; reaction: string | null; severity: string | null } {
  const b = body as unknown as {
    code: { text: string };
    reaction?: { manifestation: { text: string }[]; severity?: string }[];
  };
  return {
    substance: b.code.text,
    reaction: b.reaction?.[0]?.manifestation[0]?.text ?? null,
    severity: b.reaction?.[0]?.severity ?? null,
  };
}

export function conditionResource(
  id: string,
  patientId: string,
  c: {
    code: string | null;
    display: string | null;
    text: string | null;
    category: 'problem-list-item' | 'encounter-diagnosis';
    encounterId: string | null;
  },
  at: string,
  userId: string,
): Resource {
  return {
    resourceType: 'Condition',
    id,
    clinicalStatus: { coding: [{ system: SYSTEMS.conditionClinical, code: 'active' }] },
    verificationStatus: { coding: [{ system: SYSTEMS.conditionVerification, code: 'confirmed' }] },
    category: [{ coding: [{ system: SYSTEMS.conditionCategory, code: c.category }] }],
    code: {
      ...(c.code
        ? { coding: [{ system: SYSTEMS.icd10, code: c.code, ...(c.display ? { display: c.display } : {}) }] }
        : {}),
      ...(c.text ? { text: c.text } : {}),
    },
    subject: patientRef(patientId),
    ...(c.encounterId ? { encounter: encounterRef(c.encounterId) } : {}),
    recordedDate: at,
    recorder: practitionerRef(userId),
  };
}

export function conditionFacts(body: Resource): { code: string | null; text: string | null } {
  const b = body as unknown as { code: { coding?: { code: string }[]; text?: string } };
  return { code: b.code.coding?.[0]?.code ?? null, text: b.code.text ?? null };
}

export interface EncounterFacts {
  status: 'in-progress' | 'finished' | 'entered-in-error';
  reason: string;
  chiefComplaint: string | null;
  history: string | null;
  examination: string | null;
  plan: string | null;
  startedAt: string;
  endedAt: string | null;
  doctorId: string;
}

export function encounterResource(id: string, patientId: string, e: EncounterFacts): Resource {
  const notes = (['history', 'examination', 'plan'] as const)
    .filter((k) => e[k] !== null && e[k] !== '')
    .map((k) => ({ url: k, valueString: e[k] as string }));
  return {
    resourceType: 'Encounter',
    id,
    ...(notes.length ? { extension: [{ url: EXTENSIONS.notes, extension: notes }] } : {}),
    status: e.status,
    class: { system: SYSTEMS.encounterClass, code: 'AMB', display: 'ambulatory' },
    type: [{ coding: [{ system: SYSTEMS.visitReason, code: e.reason }] }],
    subject: patientRef(patientId),
    participant: [{ individual: practitionerRef(e.doctorId) }],
    period: { start: e.startedAt, ...(e.endedAt ? { end: e.endedAt } : {}) },
    ...(e.chiefComplaint ? { reasonCode: [{ text: e.chiefComplaint }] } : {}),
  };
}

export function encounterFacts(body: Resource): EncounterFacts {
  const b = body as unknown as {
    extension?: Extension[];
    status: EncounterFacts['status'];
    type: { coding: { code: string }[] }[];
    participant: { individual: { reference: string } }[];
    period: { start: string; end?: string };
    reasonCode?: { text: string }[];
  };
  const notes = b.extension?.find((x) => x.url === EXTENSIONS.notes)?.extension ?? [];
  const note = (k: string) => notes.find((n) => n.url === k)?.valueString ?? null;
  return {
    status: b.status,
    reason: b.type[0]?.coding[0]?.code ?? 'other',
    chiefComplaint: b.reasonCode?.[0]?.text ?? null,
    history: note('history'),
    examination: note('examination'),
    plan: note('plan'),
    startedAt: b.period.start,
    endedAt: b.period.end ?? null,
    doctorId: (b.participant[0]?.individual.reference ?? '').replace(/^Practitioner\//, ''),
  };
}

/** Marks a resource as a correction of an earlier version of itself. */
export function withCorrection(body: Resource, replacesVersion: number, reason: string): Resource {
  const others = ((body.extension as Extension[] | undefined) ?? []).filter(
    (e) => e.url !== EXTENSIONS.replaces && e.url !== EXTENSIONS.correctionReason,
  );
  return {
    ...body,
    extension: [
      ...others,
      { url: EXTENSIONS.replaces, valueString: `${body.resourceType}/${body.id}/_history/${String(replacesVersion)}` },
      { url: EXTENSIONS.correctionReason, valueString: reason },
    ],
  };
}

export function correctionOf(body: Resource): { replaces: number | null; reason: string | null } {
  const ext = (body.extension as Extension[] | undefined) ?? [];
  const replaces = ext.find((e) => e.url === EXTENSIONS.replaces)?.valueString;
  return {
    replaces: replaces ? Number(replaces.split('/').pop()) : null,
    reason: ext.find((e) => e.url === EXTENSIONS.correctionReason)?.valueString ?? null,
  };
}
