import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError } from '../errors.js';
import { RISK_REPORT, renderReport } from '../report/index.js';
import type { OutputFile } from '../report/outputFile.js';
import { buildRisk, mergeRiskPartials, parseRiskPartial, type Risk } from '../risk/index.js';
import { describeReadError } from './describeReadError.js';
import { packageInfo } from './packageRoot.js';
import { readRiskTemplates } from './runRiskStudy.js';

async function readPartialText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const found = describeReadError(error);
    throw new InputError([
      { file: path, line: null, column: null, path: '', expected: 'a risk partial file', found },
    ]);
  }
}

/**
 * `rehearse merge` short of writing: reads the shards' partial files, checks they are the shards of one
 * study, and builds the risk.json (with risk.md and risk.html) one machine would have written.
 *
 * @throws InputError for unreadable or foreign files, partials of different studies, duplicate or missing shards.
 */
export async function mergeRiskStudy(
  paths: readonly string[],
  templateDir?: string,
): Promise<{ risk: Risk; files: OutputFile[] }> {
  const partials = await Promise.all(
    paths.map(async (file) => ({ file, partial: parseRiskPartial(await readPartialText(file), file) })),
  );
  const { inputs, meta, tally } = mergeRiskPartials(partials);
  const risk = buildRisk(inputs, tally, meta);
  const templates = await readRiskTemplates(templateDir ?? join(packageInfo().root, 'templates'));
  return { risk, files: await renderReport(RISK_REPORT, risk, templates) };
}
