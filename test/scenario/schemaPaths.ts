import type { JsonSchemaNode } from '../../src/scenario/jsonSchema.js';

/**
 * Every field path a scenario may have, from its JSON Schema: `population.segments[].share`; map keys
 * as `<metric>` (gates, guards) or `<id>` (segment overrides); shared definitions under their own name
 * (`Analyzer.errorRate`, `Condition.below`), referenced by the fields that use them.
 */
export function schemaFieldPaths(root: JsonSchemaNode): Set<string> {
  const paths = new Set<string>();
  const join = (prefix: string, key: string): string => (prefix === '' ? key : `${prefix}.${key}`);
  const walk = (node: JsonSchemaNode, prefix: string): void => {
    if (node.$ref !== undefined) return;
    for (const branch of [...(node.oneOf ?? []), ...(node.anyOf ?? [])]) walk(branch, prefix);
    for (const [key, child] of Object.entries(node.properties ?? {})) {
      paths.add(join(prefix, key));
      walk(child, join(prefix, key));
    }
    if (typeof node.additionalProperties === 'object') {
      const path = join(prefix, node.propertyNames?.enum === undefined ? '<id>' : '<metric>');
      paths.add(path);
      walk(node.additionalProperties, path);
    }
    if (node.items !== undefined) walk(node.items, `${prefix}[]`);
  };
  walk(root, '');
  for (const [name, definition] of Object.entries(root.$defs ?? {})) walk(definition, name);
  return paths;
}

/** The field paths documented in a Markdown file: first cells of tables whose header starts with `field`. */
export function documentedFieldPaths(markdown: string): Set<string> {
  const paths = new Set<string>();
  let inFieldTable = false;
  for (const line of markdown.split('\n')) {
    if (!line.startsWith('|')) {
      inFieldTable = false;
      continue;
    }
    const firstCell = line.split('|')[1]?.trim() ?? '';
    if (firstCell.toLowerCase() === 'field') inFieldTable = true;
    const path = /^`([^`]+)`$/.exec(firstCell)?.[1];
    if (inFieldTable && path !== undefined) paths.add(path);
  }
  return paths;
}
