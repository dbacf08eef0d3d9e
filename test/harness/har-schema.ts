// Validates a HAR against the HAR 1.2 JSON schema of the `har-schema` package (draft-06 files
// that $ref one another). Note: those files spell minimums as "min", which JSON Schema ignores;
// tests check the non-negative numbers themselves.
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => void;
const schemas = require('har-schema') as Record<string, object>;
const ajv = new Ajv({ allErrors: true, strict: false });
ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json') as object);
addFormats(ajv);
for (const schema of Object.values(schemas)) ajv.addSchema(schema);
const validate = ajv.getSchema('har.json#')!;

/** Schema errors as readable lines; empty when valid. */
export function harErrors(har: unknown): string[] {
  if (validate(har)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);
}
