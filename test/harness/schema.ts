// Validates a session log against docs/session-log.schema.json (the documented format).
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => void;
const schema = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../docs/session-log.schema.json'), 'utf8')) as object;
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(schema);

/** Schema errors as readable lines; empty when valid. */
export function sessionLogErrors(log: unknown): string[] {
  if (validate(log)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);
}
