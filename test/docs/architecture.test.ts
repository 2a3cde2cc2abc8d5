import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');

/** One override of biome.layout.json: the files it covers and the import patterns it refuses. */
interface LayoutOverride {
  includes: string[];
  linter: {
    rules: { style: { noRestrictedImports: { options: { patterns: Array<{ group: string[] }> } } } };
  };
}

/** What each folder of src/ may import by the linter's rules: the `!../folder/**` exceptions, `errors.ts` for `!../errors.js`. */
function allowedByLinter(): Map<string, Set<string>> {
  const layout = JSON.parse(readFileSync(join(ROOT, 'biome.layout.json'), 'utf8')) as {
    overrides: LayoutOverride[];
  };
  const allowed = new Map<string, Set<string>>();
  for (const override of layout.overrides) {
    const folder = /^src\/([a-z]+)\//.exec(override.includes[0] ?? '')?.[1];
    if (folder === undefined) continue;
    const names = allowed.get(folder) ?? new Set<string>();
    for (const pattern of override.linter.rules.style.noRestrictedImports.options.patterns)
      for (const group of pattern.group) {
        const exception = /^!(?:\.\.\/)+([a-z]+)(?:\/\*\*|\.js)$/.exec(group)?.[1];
        if (exception !== undefined) names.add(exception === 'errors' ? '`errors.ts`' : exception);
      }
    allowed.set(folder, names);
  }
  return allowed;
}

/** The parts table of docs/architecture.md: folder → the names in its "may import" cell. */
function documentedParts(): Map<string, string> {
  const markdown = readFileSync(join(ROOT, 'docs/architecture.md'), 'utf8');
  const parts = new Map<string, string>();
  for (const row of markdown.matchAll(/^\| `([a-z]+)\/` +\|.*\| ([^|]+?) +\|$/gm))
    parts.set(row[1]!, row[2]!);
  return parts;
}

describe("docs/architecture.md's parts table", () => {
  const documented = documentedParts();

  it('has one row for each folder of src/, and none for a folder that does not exist', () => {
    const folders = readdirSync(join(ROOT, 'src'), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
    expect([...documented.keys()].sort()).toEqual(folders);
  });

  it("gives each folder exactly the imports biome.layout.json allows it (cli/, which has no rule, 'everything')", () => {
    const allowed = allowedByLinter();
    for (const [folder, cell] of documented) {
      const rule = allowed.get(folder);
      if (rule === undefined) {
        expect({ folder, cell }).toEqual({ folder, cell: 'everything' });
        continue;
      }
      const names = cell === 'nothing of ours' ? [] : cell.split(', ');
      expect({ folder, imports: names.sort() }).toEqual({ folder, imports: [...rule].sort() });
    }
  });
});
