import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { InputError } from '../errors.js';
import { compileScenario } from '../scenario/compile.js';
import { decodeText } from '../scenario/decodeText.js';
import { parseScenario } from '../scenario/parseScenario.js';
import type { Plan } from '../scenario/plan.js';
import type { Problem } from '../scenario/problems.js';
import { describeReadError } from './describeReadError.js';

/**
 * Reads, validates and compiles a scenario file (YAML, or JSON when it ends in `.json`), and the diurnal
 * CSV it names, if any (relative to the scenario's folder). The Plan carries the sha256 of the scenario's
 * bytes.
 *
 * @throws InputError with every problem found: a missing or unreadable file, binary data, syntax, schema
 *   and sense problems, a bad diurnal CSV.
 */
export async function readScenario(path: string): Promise<Plan> {
  const bytes = await readBytes(path, (found) => ({
    file: path,
    line: null,
    column: null,
    path: '',
    expected: 'a readable scenario file (YAML or JSON)',
    found,
  }));
  const decoded = decodeText(bytes, path);
  if (!decoded.ok) throw new InputError(decoded.problems);
  const parsed = parseScenario(decoded.text, path);
  if (!parsed.ok) throw new InputError(parsed.problems);
  const diurnal = parsed.scenario.population.diurnal;
  if (diurnal === undefined || Array.isArray(diurnal)) {
    return compileScenario(parsed.scenario, { scenarioSha256: sha256(bytes) });
  }
  const csvPath = join(dirname(path), diurnal.file);
  const position = parsed.locate(['population', 'diurnal', 'file']);
  const csvBytes = await readBytes(csvPath, (found) => ({
    file: path,
    line: position?.line ?? null,
    column: position?.column ?? null,
    path: 'population.diurnal.file',
    expected: 'a readable CSV file with columns hour,factor (relative to the scenario file)',
    found: `${JSON.stringify(diurnal.file)}: ${found}`,
  }));
  const csvText = decodeText(csvBytes, csvPath);
  if (!csvText.ok) throw new InputError(csvText.problems);
  // The CSV parser is loaded only for the scenarios that name a diurnal file.
  const { parseDiurnalCsv } = await import('../scenario/parseDiurnalCsv.js');
  const factors = parseDiurnalCsv(csvText.text, csvPath);
  if (!factors.ok) throw new InputError(factors.problems);
  return compileScenario(parsed.scenario, { scenarioSha256: sha256(bytes), diurnalFactors: factors.factors });
}

/** The file's bytes; a file that cannot be read becomes an InputError with the problem `problemFor` builds. */
async function readBytes(path: string, problemFor: (found: string) => Problem): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (error) {
    throw new InputError([problemFor(describeReadError(error, `no file at ${path}`))]);
  }
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
