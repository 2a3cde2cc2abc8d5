import * as z from 'zod/mini';
import type { PathSegment } from './problems.js';
import { scenarioFieldsSchema, schemaDefinitions } from './scenarioSchema.js';

/** The subset of JSON Schema (2020-12) that `z.toJSONSchema` produces for the scenario. */
export interface JsonSchemaNode {
  type?: string | string[];
  description?: string;
  properties?: Record<string, JsonSchemaNode>;
  items?: JsonSchemaNode;
  additionalProperties?: JsonSchemaNode | boolean;
  propertyNames?: { enum?: string[] };
  oneOf?: JsonSchemaNode[];
  anyOf?: JsonSchemaNode[];
  const?: unknown;
  $ref?: string;
  $defs?: Record<string, JsonSchemaNode>;
  [keyword: string]: unknown;
}

let cached: JsonSchemaNode | undefined;

/**
 * The JSON Schema of scenario files, generated from the zod schema (types, ranges, patterns, defaults;
 * not the cross-field sense checks). `docs/schemas/scenario.schema.json` is this, and a test keeps it so.
 */
export function scenarioJsonSchema(): JsonSchemaNode {
  cached ??= {
    ...(z.toJSONSchema(scenarioFieldsSchema, {
      io: 'input',
      target: 'draft-2020-12',
      metadata: schemaDefinitions,
    }) as JsonSchemaNode),
    title: 'rollout-rehearsal scenario',
    description:
      'A rehearsal scenario: population, analyzers, business effect, monitoring, guards, phases and faults. ' +
      'See docs/scenario.md for units, defaults and the sense checks beyond this schema.',
  };
  return cached;
}

/** The schema as the file holds it: two-space JSON and a final newline. */
export function scenarioJsonSchemaText(): string {
  return `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
}

/** A `$ref` followed, and a union narrowed to the branch that fits `value` (by `kind`, then by shape). */
function resolve(root: JsonSchemaNode, node: JsonSchemaNode, value: unknown): JsonSchemaNode {
  let current = node;
  if (current.$ref?.startsWith('#/$defs/'))
    current = root.$defs?.[current.$ref.slice('#/$defs/'.length)] ?? current;
  const branches = current.oneOf ?? current.anyOf;
  if (branches === undefined) return current;
  const record =
    typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  const byKind = branches.find((branch) => record !== null && branch.properties?.kind?.const === record.kind);
  const byShape = branches.find((branch) => branch.type === (Array.isArray(value) ? 'array' : 'object'));
  return resolve(root, byKind ?? byShape ?? branches[0] ?? current, value);
}

/**
 * The keys a mapping at `path` may have in `data`: its fields, or the metric names of a gates map.
 * Empty when the path leads to no mapping (then there is nothing to suggest).
 */
export function knownKeysAt(
  path: readonly PathSegment[],
  data: unknown,
): { keys: string[]; kind: 'field' | 'metric' } {
  const root = scenarioJsonSchema();
  let node = resolve(root, root, data);
  let value = data;
  for (const segment of path) {
    value =
      typeof value === 'object' && value !== null
        ? (value as Record<PathSegment, unknown>)[segment]
        : undefined;
    const next =
      typeof segment === 'number'
        ? node.items
        : (node.properties?.[segment] ??
          (typeof node.additionalProperties === 'object' ? node.additionalProperties : undefined));
    if (next === undefined) return { keys: [], kind: 'field' };
    node = resolve(root, next, value);
  }
  if (node.propertyNames?.enum !== undefined) return { keys: node.propertyNames.enum, kind: 'metric' };
  return { keys: Object.keys(node.properties ?? {}), kind: 'field' };
}
