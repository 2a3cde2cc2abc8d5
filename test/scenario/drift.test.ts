import { readFileSync, writeFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { scenarioJsonSchema, scenarioJsonSchemaText } from '../../src/scenario/jsonSchema.js';
import { parseScenario } from '../../src/scenario/parseScenario.js';
import { documentedFieldPaths, schemaFieldPaths } from './schemaPaths.js';

const DOC = 'docs/scenario.md';
const SCHEMA_FILE = 'docs/schemas/scenario.schema.json';

describe('docs and schema stay in step with the zod schema', () => {
  const markdown = readFileSync(DOC, 'utf8');
  const inSchema = schemaFieldPaths(scenarioJsonSchema());
  const inDocs = documentedFieldPaths(markdown);

  it('documents every field of the schema', () => {
    expect([...inSchema].filter((path) => !inDocs.has(path))).toEqual([]);
  });

  it('documents no field the schema lacks', () => {
    expect([...inDocs].filter((path) => !inSchema.has(path))).toEqual([]);
  });

  it(`${SCHEMA_FILE} is the generated schema (UPDATE_SCHEMA=1 rewrites it)`, () => {
    if (process.env.UPDATE_SCHEMA === '1') writeFileSync(SCHEMA_FILE, scenarioJsonSchemaText());
    // Compared as data: the formatter may lay the file out differently.
    expect(JSON.parse(readFileSync(SCHEMA_FILE, 'utf8'))).toEqual(scenarioJsonSchema());
  });

  it("the docs' full example is a valid scenario", () => {
    const example = /## A full example\n\n```yaml\n([\s\S]*?)```/.exec(markdown)?.[1];
    expect(example).toBeDefined();
    const result = parseScenario(example ?? '', 'example.yaml');
    expect(result.ok ? [] : result.problems).toEqual([]);
  });
});

describe('the JSON Schema', () => {
  it('accepts the default scenario and rejects an unknown field, as the tool does', () => {
    const validate = new Ajv2020({ allErrors: true, strict: false }).compile(scenarioJsonSchema());
    const data = parse(readFileSync('scenarios/sprint2-rollout.yaml', 'utf8')) as Record<string, unknown>;
    expect(validate(data), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...data, trafic: 1 })).toBe(false);
  });
});
