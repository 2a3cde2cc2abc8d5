import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import { Ajv2020 } from 'ajv/dist/2020.js';

const ajv = new Ajv2020({ allErrors: true, strict: true });
// ajv-formats is not a dependency; an ISO-8601 instant is also pinned by the schemas' patterns.
ajv.addFormat('date-time', { type: 'string', validate: (text: string) => !Number.isNaN(Date.parse(text)) });
const compiled = new Map<string, ValidateFunction>();

/**
 * Every violation of `docs/schemas/<name>.schema.json` by parsed JSON, as `path message`; [] when valid.
 * Each schema is compiled once.
 *
 * @example schemaErrors('risk', JSON.parse(text)) // []
 */
export function schemaErrors(name: 'results' | 'risk' | 'whatif', json: unknown): string[] {
  let validate = compiled.get(name);
  if (validate === undefined) {
    const path = join(import.meta.dirname, `../../docs/schemas/${name}.schema.json`);
    validate = ajv.compile(JSON.parse(readFileSync(path, 'utf8')));
    compiled.set(name, validate);
  }
  validate(json);
  return (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message}`);
}
