import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { detectReportKind, type ReportFlags, reportCommand } from '../../src/cli/commands/report.js';
import { InputError } from '../../src/errors.js';
import { ROOT } from '../report/defaultScenario.js';

const scratch = mkdtempSync(join(tmpdir(), 'rehearse-report-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const EXAMPLE = join(ROOT, 'reports/example/results.json');
const stdout = {
  text: '',
  write(text: string) {
    this.text += text;
    return true;
  },
};

function folder(name: string, files: Record<string, string>): string {
  const dir = join(scratch, name);
  mkdirSync(join(dir, 'partials'), { recursive: true });
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
  return dir;
}

/** The problems of the InputError `run` throws, as `file path: expected …, found …` lines. */
async function problems(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
  } catch (error) {
    if (error instanceof InputError) return error.message;
    throw error;
  }
  throw new Error('expected an InputError');
}

describe('rehearse report', () => {
  it('renders only the formats asked for, next to nothing else', async () => {
    const out = join(scratch, 'html-only');
    expect(await reportCommand(EXAMPLE, { out, format: 'html', json: true }, { stdout })).toBe(0);
    expect(readdirSync(out)).toEqual(['summary.html']);
    expect(JSON.parse(stdout.text)).toEqual({ kind: 'results', files: [join(out, 'summary.html')] });
  });

  it("renders users' own templates with the documented view model", async () => {
    const template = folder('mine', {
      'summary.md.hbs': '# {{scenario.name}}: {{outcome.status}}, {{count totals.requests}} requests\n',
      'summary.html.hbs': '<h1>{{scenario.name}}</h1>{{chart charts.traffic}}',
    });
    const out = join(scratch, 'mine-out');
    await reportCommand(EXAMPLE, { out, template, quiet: true }, { stdout });
    // The example's candidate served 177 requests, all in the canary (it rolled back there).
    expect(readFileSync(join(out, 'summary.md'), 'utf8')).toBe(
      '# Sprint 2 cohort analyzer: rolled-back, 177 requests\n',
    );
    expect(readFileSync(join(out, 'summary.html'), 'utf8')).toMatch(
      /^<h1>Sprint 2 cohort analyzer<\/h1><svg id="traffic" role="img"/,
    );
  });

  const notJson = join(scratch, 'not.json');
  writeFileSync(notJson, 'phase,at\n');
  const unknown = join(scratch, 'unknown.json');
  writeFileSync(unknown, '{"hello": 1}');
  const futureResults = join(scratch, 'future.json');
  writeFileSync(
    futureResults,
    JSON.stringify({ ...JSON.parse(readFileSync(EXAMPLE, 'utf8')), schemaVersion: 2 }),
  );
  const misspelt = folder('misspelt', { 'summary.md.hbs': '{{scenario.nmae}}', 'summary.html.hbs': '' });

  it.each<[string, string, ReportFlags, RegExp]>([
    [
      'a missing file',
      join(scratch, 'nope.json'),
      {},
      /nope\.json: expected a readable JSON file, found ENOENT/,
    ],
    [
      'text that is not JSON',
      notJson,
      {},
      /expected a JSON object \(results\.json, risk\.json or whatif\.json\)/,
    ],
    [
      'JSON of no known kind',
      unknown,
      {},
      /unknown\.json: expected the fields of results .* found fields hello/,
    ],
    [
      'results of a newer schema',
      futureResults,
      {},
      /future\.json schemaVersion: expected schemaVersion 1, found 2/,
    ],
    [
      'an unknown format',
      EXAMPLE,
      { format: 'md,pdf' },
      /--format: expected a list of md, html, found "md,pdf"/,
    ],
    [
      'a template folder without templates',
      EXAMPLE,
      { template: scratch },
      /expected a folder with summary\.md\.hbs and summary\.html\.hbs/,
    ],
    [
      'a template with a misspelt field',
      EXAMPLE,
      { template: misspelt },
      /that the summary templates can render, found "nmae" not defined/,
    ],
  ])('refuses %s (exit 2, nothing written)', async (_name, file, flags, message) => {
    const out = join(scratch, `refused-${_name.replace(/\W+/g, '-')}`);
    expect(await problems(() => reportCommand(file, { ...flags, out }, { stdout }))).toMatch(message);
    expect(() => readdirSync(out)).toThrow();
  });

  it.each<[string, Record<string, string>, string[]]>([
    [
      'an unclosed block',
      { 'summary.md.hbs': '# {{scenario.name}}\n\n{{#each phases}}\n- {{name}}\n', 'summary.html.hbs': '' },
      [
        "summary.md.hbs:5: expected a Handlebars template, found Expecting 'OPEN_INVERSE_CHAIN', 'INVERSE', 'OPEN_ENDBLOCK', got 'EOF'",
      ],
    ],
    [
      'a block closed by another name, in a partial, and a broken {{ in the other format',
      {
        'summary.md.hbs': '{{> phases}}\n',
        'partials/phases.md.hbs': 'Phases:\n  {{#if phases}}\n{{/each}}\n',
        'summary.html.hbs': '<p>\n{{scenario.name</p>\n',
      },
      [
        // Line 2, column 6: the name of the block that `{{/each}}` fails to close.
        "partials/phases.md.hbs:2:6: expected a Handlebars template, found if doesn't match each",
        "summary.html.hbs:2: expected a Handlebars template, found Expecting 'ID', got 'INVALID'",
      ],
    ],
    [
      'a partial that is not there',
      {
        'summary.md.hbs': '# x\n\n  {{> phases}}\n',
        'summary.html.hbs': '{{#*inline "row"}}r{{/inline}}{{> row}}',
      },
      [
        'summary.md.hbs:3:3: expected a partial in partials (phases.md.hbs), found {{> phases}}, which is not there',
      ],
    ],
  ])('names the template file and line of %s (exit 2, nothing written)', async (name, files, expected) => {
    const template = folder(`broken-${name.replace(/\W+/g, '-')}`, files);
    const out = join(scratch, `broken-out-${name.replace(/\W+/g, '-')}`);
    const message = await problems(() => reportCommand(EXAMPLE, { out, template }, { stdout }));
    const located = expected.map((line) => {
      const [file, rest] = [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':'))];
      return join(template, file) + rest.replace('partials (', `${join(template, 'partials')} (`);
    });
    expect(message.split('\n')).toEqual(located);
    expect(() => readdirSync(out)).toThrow();
  });

  it.each([
    ['results', { schemaVersion: 1, outcome: {}, phases: [], guards: [], model: {} }],
    ['risk', { schemaVersion: 1, runs: 10, pComplete: {}, phases: [] }],
    ['whatif', { schemaVersion: 1, runs: 10, reference: {}, faults: [] }],
  ])('recognises %s files by their fields', (kind, json) => {
    expect(detectReportKind(json, 'x.json').name).toBe(kind);
  });
});
