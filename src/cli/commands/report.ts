import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { InputError } from '../../errors.js';
import { packageInfo } from '../../io/packageRoot.js';
import { readTemplates } from '../../io/readTemplate.js';
import {
  type OutputFile,
  RESULTS_SCHEMA_VERSION,
  type ReportKind,
  type ReportTemplates,
  RISK_REPORT,
  RUN_REPORT,
  renderReport,
  WHATIF_REPORT,
} from '../../report/index.js';
import type { Problem } from '../../scenario/problems.js';
import type { CommonFlagValues } from '../commonFlags.js';
import { flagProblem, inFolder, outFlag, quoted, throwIfProblems } from '../flags.js';
import type { TextSink } from '../reportError.js';
import { writeOutputs } from '../writeOutputs.js';

/**
 * A kind of results file and its report. To add a kind, add a row: how to recognise its JSON, the stem of
 * its templates (`<stem>.md.hbs`, `<stem>.html.hbs`), and its `ReportKind` (`renderReport` returns the
 * JSON too; `rehearse report` keeps only the rendered formats).
 */
interface ResultsKind {
  name: 'results' | 'risk' | 'whatif';
  /** The fields that identify the kind at the top level of the JSON. */
  fields: readonly string[];
  templateStem: string;
  report: ReportKind<object, unknown>;
}

/** Checked in order: the first kind whose fields are all present wins. */
export const REPORT_KINDS: readonly ResultsKind[] = [
  {
    name: 'results',
    fields: ['schemaVersion', 'outcome', 'phases', 'guards', 'model'],
    templateStem: 'summary',
    report: RUN_REPORT,
  },
  {
    name: 'risk',
    fields: ['schemaVersion', 'runs', 'pComplete', 'phases'],
    templateStem: 'risk',
    report: RISK_REPORT,
  },
  {
    name: 'whatif',
    fields: ['schemaVersion', 'runs', 'reference', 'faults'],
    templateStem: 'whatif',
    report: WHATIF_REPORT,
  },
];

const FORMATS = { md: '.md', html: '.html' } as const;
type Format = keyof typeof FORMATS;

/** The flags as commander hands them over. */
export interface ReportFlags extends Pick<CommonFlagValues, 'out' | 'json' | 'quiet'> {
  template?: string;
  format?: string;
}

export interface ReportContext {
  stdout: TextSink;
  /** Omitted: the process' current folder. */
  cwd?: string;
}

/** A problem with the results file as a whole. */
function problem(file: string, expected: string, found: string): Problem {
  return { file, line: null, column: null, path: '', expected, found };
}

function parseFormats(text: string | undefined): Format[] {
  const names = (text ?? 'md,html').split(',').map((name) => name.trim());
  const unknown = names.filter((name) => !(name in FORMATS));
  if (unknown.length > 0 || names.length === 0) {
    throw new InputError([flagProblem('--format', 'a list of md, html', quoted(text ?? ''))]);
  }
  return [...new Set(names as Format[])];
}

async function readJson(path: string, file: string): Promise<object> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new InputError([
      problem(file, 'a readable JSON file', (error as NodeJS.ErrnoException).code ?? 'an unreadable file'),
    ]);
  }
  try {
    const json: unknown = JSON.parse(text);
    if (typeof json === 'object' && json !== null && !Array.isArray(json)) return json;
  } catch {
    // reported below, with what was expected
  }
  throw new InputError([
    problem(file, 'a JSON object (results.json, risk.json or whatif.json)', 'text that is not one'),
  ]);
}

/** The kind of results a JSON object holds, from its top-level fields. */
export function detectReportKind(json: object, file: string): ResultsKind {
  const kind = REPORT_KINDS.find((candidate) => candidate.fields.every((field) => field in json));
  if (kind === undefined) {
    const expected = REPORT_KINDS.map((k) => `${k.name} (${k.fields.join(', ')})`).join('; or ');
    throw new InputError([
      problem(file, `the fields of ${expected}`, `fields ${Object.keys(json).join(', ') || 'none'}`),
    ]);
  }
  if (
    kind.name === 'results' &&
    (json as { schemaVersion?: unknown }).schemaVersion !== RESULTS_SCHEMA_VERSION
  ) {
    const found = JSON.stringify((json as { schemaVersion?: unknown }).schemaVersion);
    throw new InputError([
      { ...problem(file, `schemaVersion ${RESULTS_SCHEMA_VERSION}`, found), path: 'schemaVersion' },
    ]);
  }
  return kind;
}

async function readKindTemplates(dir: string, stem: string, flag: string): Promise<ReportTemplates> {
  try {
    return await readTemplates(dir, stem);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'ENOTDIR') throw error;
    throw new InputError([
      flagProblem(flag, `a folder with ${stem}.md.hbs and ${stem}.html.hbs`, quoted(dir)),
    ]);
  }
}

/**
 * `rehearse report <results.json|risk.json|whatif.json>` as a function: recognises the kind of results,
 * renders its Markdown and HTML again with the owner's renderer (the package's templates or
 * `--template DIR`), and writes them atomically next to the input (or into `--out`). The JSON itself is
 * not rewritten. Bad input (an unknown file, a template folder without the templates, a template that
 * fails on these results) throws `InputError` before anything is written.
 */
export async function reportCommand(
  file: string,
  flags: ReportFlags,
  context: ReportContext,
): Promise<number> {
  const formats = parseFormats(flags.format);
  const problems: Problem[] = [];
  const out = outFlag(flags.out, problems);
  throwIfProblems(problems);
  const json = await readJson(inFolder(context.cwd, file), file);
  const kind = detectReportKind(json, file);
  const templateDir =
    flags.template === undefined
      ? join(packageInfo().root, 'templates')
      : inFolder(context.cwd, flags.template);
  const templates = await readKindTemplates(templateDir, kind.templateStem, flags.template ?? 'templates');
  let files: OutputFile[];
  try {
    files = await renderReport(kind.report, json, templates);
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError([
      problem(
        file,
        `a complete ${kind.name} file that the ${kind.templateStem} templates can render`,
        (error as Error).message,
      ),
    ]);
  }
  const wanted = files.filter((output) => formats.some((format) => output.name.endsWith(FORMATS[format])));
  const outDir = out ?? dirname(file);
  const written = await writeOutputs(context.cwd, outDir, wanted);
  if (flags.json) context.stdout.write(`${JSON.stringify({ kind: kind.name, files: written }, null, 2)}\n`);
  else if (!flags.quiet)
    context.stdout.write(`rendered ${kind.name} from ${file}\nwrote ${written.join('\n      ')}\n`);
  return 0;
}
