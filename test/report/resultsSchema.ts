import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';

const schemaPath = join(import.meta.dirname, '../../docs/schemas/results.schema.json');
const ajv = new Ajv2020({ allErrors: true, strict: true });
// ajv-formats is not a dependency; an ISO-8601 instant is also pinned by the schema's pattern.
ajv.addFormat('date-time', { type: 'string', validate: (text: string) => !Number.isNaN(Date.parse(text)) });
const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')));

/** Every violation of docs/schemas/results.schema.json by parsed JSON, as `path message`; [] when valid. */
export function resultsSchemaErrors(json: unknown): string[] {
  validate(json);
  return (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message}`);
}
