import type { Problem } from '../scenario/problems.js';

/** A template file's text, named as the user's folder names it (`my-templates/partials/phases.md.hbs`). */
export interface TemplateFile {
  file: string;
  text: string;
}

type Handlebars = typeof import('handlebars');

/** An AST node as Handlebars parses it: a `type`, a location, and child nodes under any key. */
interface AstNode {
  type: string;
  loc?: { start: { line: number; column: number } };
  name?: { type: string; original?: unknown };
  path?: { original?: unknown };
  params?: Array<{ value?: unknown }>;
}

const EXPECTED = 'a Handlebars template';

/**
 * Where and why Handlebars cannot parse a text. A grammar error says "Parse error on line 3: … Expecting
 * 'OPEN_ENDBLOCK', got 'EOF'" (the column it draws is of a shortened excerpt, so none is given); a block
 * closed by the wrong name says "if doesn't match each - 2:3" with a 0-based column.
 */
function parseProblem(file: string, error: unknown): Problem {
  const exception = error as { message?: unknown; lineNumber?: unknown; column?: unknown };
  const message = typeof exception.message === 'string' ? exception.message : String(error);
  if (typeof exception.lineNumber === 'number') {
    const column = typeof exception.column === 'number' ? exception.column + 1 : null;
    const found = message.replace(/ - \d+:\d+$/, '');
    return { file, line: exception.lineNumber, column, path: '', expected: EXPECTED, found };
  }
  const line = /^(?:Parse|Lexical) error on line (\d+)/.exec(message)?.[1];
  const lines = message.split('\n');
  const found = lines.length > 1 ? lines.at(-1)! : message;
  return {
    file,
    line: line === undefined ? null : Number(line),
    column: null,
    path: '',
    expected: EXPECTED,
    found,
  };
}

/** Every node of a parsed template, depth first. */
function* nodesOf(node: unknown): Generator<AstNode> {
  if (Array.isArray(node)) {
    for (const child of node) yield* nodesOf(child);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  if (typeof (node as AstNode).type === 'string') yield node as AstNode;
  for (const [key, child] of Object.entries(node)) if (key !== 'loc') yield* nodesOf(child);
}

/** `{{> name}}` and `{{#> name}}` with a plain name (not `(lookup …)` nor `@partial-block`), where they are. */
function partialsUsed(ast: unknown): Array<{ name: string; line: number; column: number }> {
  const used: Array<{ name: string; line: number; column: number }> = [];
  for (const node of nodesOf(ast)) {
    if (node.type !== 'PartialStatement' && node.type !== 'PartialBlockStatement') continue;
    const name = node.name?.type === 'PathExpression' ? node.name.original : undefined;
    if (typeof name !== 'string' || name.startsWith('@')) continue;
    used.push({ name, line: node.loc?.start.line ?? 1, column: (node.loc?.start.column ?? 0) + 1 });
  }
  return used;
}

/** The partials a template defines itself with `{{#*inline "name"}}`. */
function inlinePartials(ast: unknown): string[] {
  const names: string[] = [];
  for (const node of nodesOf(ast)) {
    if (node.type !== 'DecoratorBlock' || node.path?.original !== 'inline') continue;
    const name = node.params?.[0]?.value;
    if (typeof name === 'string') names.push(name);
  }
  return names;
}

/**
 * The problems of a template set, each naming its file and line: a text Handlebars cannot parse (an
 * unclosed or mismatched block, a broken `{{`), or a `{{> name}}` of a partial that is neither in
 * `partials/` (`partialsDir`, files ending `suffix`) nor defined inline. Both would otherwise fail only
 * while the report is rendered, without saying which file is at fault. Empty when the set is sound.
 */
export function templateProblems(
  handlebars: Handlebars,
  files: readonly TemplateFile[],
  partials: ReadonlySet<string>,
  partialsDir: string,
  suffix: string,
): Problem[] {
  const problems: Problem[] = [];
  const parsed: Array<{ file: string; ast: unknown }> = [];
  for (const { file, text } of files) {
    try {
      parsed.push({ file, ast: handlebars.parse(text) });
    } catch (error) {
      problems.push(parseProblem(file, error));
    }
  }
  const known = new Set([...partials, ...parsed.flatMap(({ ast }) => inlinePartials(ast))]);
  for (const { file, ast } of parsed) {
    for (const { name, line, column } of partialsUsed(ast)) {
      if (known.has(name)) continue;
      problems.push({
        file,
        line,
        column,
        path: '',
        expected: `a partial in ${partialsDir} (${name}${suffix})`,
        found: `{{> ${name}}}, which is not there`,
      });
    }
  }
  return problems;
}
