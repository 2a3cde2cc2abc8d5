import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { InputError } from '../errors.js';
import { compileScenario } from '../scenario/compile.js';
import type { ControllerManifests } from '../scenario/controllerPlan.js';
import { decodeText } from '../scenario/decodeText.js';
import { formatDuration, parseDurationMs } from '../scenario/duration.js';
import { locatedProblem } from '../scenario/locatedProblem.js';
import { type ParseResult, parseScenario } from '../scenario/parseScenario.js';
import type { Plan } from '../scenario/plan.js';
import type { Problem } from '../scenario/problems.js';
import type { Locate } from '../scenario/sourceMap.js';
import { describeReadError } from './describeReadError.js';
import { loadControllerManifests } from './loadControllerManifests.js';

/**
 * Reads, validates and compiles a scenario file (YAML, or JSON when it ends in `.json`), and the diurnal
 * CSV it names, if any (relative to the scenario's folder). The Plan carries the sha256 of the scenario's
 * bytes.
 *
 * @throws InputError with every problem found: a missing or unreadable file, binary data, syntax, schema
 *   and sense problems, a bad diurnal CSV.
 */
export async function readScenario(path: string): Promise<Plan> {
  return (await readLocatedScenario(path)).plan;
}

/** {@link readScenario}, and where each value of the scenario file sits in it (for `validate`'s warnings). */
export async function readLocatedScenario(path: string): Promise<{ plan: Plan; locate: Locate }> {
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
  const controller = await readController(path, parsed);
  const sha = sha256([bytes, ...(controller?.files ?? [])]);
  const extras = controller === null ? {} : { controller: controller.manifests };
  const diurnal = parsed.scenario.population.diurnal;
  if (diurnal === undefined || Array.isArray(diurnal)) {
    return {
      plan: compileScenario(parsed.scenario, { scenarioSha256: sha, ...extras }),
      locate: parsed.locate,
    };
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
  const plan = compileScenario(parsed.scenario, {
    scenarioSha256: sha,
    diurnalFactors: factors.factors,
    ...extras,
  });
  return { plan, locate: parsed.locate };
}

/**
 * The manifests a `controller` section names (relative to the scenario's folder), read and parsed, and
 * the scenario's faults checked against the phases they give; null without a controller section.
 */
async function readController(
  path: string,
  parsed: Extract<ParseResult, { ok: true }>,
): Promise<{ manifests: ControllerManifests; files: Uint8Array[] } | null> {
  const section = parsed.scenario.controller;
  if (section === undefined) return null;
  const paths = section.manifests.map((manifest) => join(dirname(path), manifest));
  const { result, files } = await loadControllerManifests(
    paths,
    {
      kind: section.kind,
      metrics: section.metrics ?? {},
      providers: section.providers ?? {},
      manualPauseMs: parseDurationMs(section.manualPause) ?? 3_600_000,
      intervalMs: parseDurationMs(parsed.scenario.monitoring.interval) ?? 30_000,
    },
    (index, found) => {
      const field = ['controller', 'manifests', index];
      return locatedProblem(
        path,
        parsed.locate(field),
        field,
        'a readable manifest file (relative to the scenario file)',
        `${JSON.stringify(section.manifests[index])}: ${found}`,
      );
    },
  );
  if (!result.ok) throw new InputError(result.problems);
  const problems = faultPhaseProblems(path, parsed, result.manifests);
  if (problems.length > 0) throw new InputError(problems);
  return { manifests: result.manifests, files: files.map((file) => file.bytes) };
}

/** A scheduled fault names a phase: with a controller, one of the derived phases, and `at` inside it. */
function faultPhaseProblems(
  path: string,
  parsed: Extract<ParseResult, { ok: true }>,
  manifests: ControllerManifests,
): Problem[] {
  const problems: Problem[] = [];
  const names = manifests.phases.map((phase) => phase.name);
  parsed.scenario.faults.forEach((fault, index) => {
    if (fault.phase === undefined) return;
    const phase = manifests.phases.find((candidate) => candidate.name === fault.phase);
    const field = ['faults', index, phase === undefined ? 'phase' : 'at'];
    const problem = (expected: string, found: string) =>
      problems.push(locatedProblem(path, parsed.locate(field), field, expected, found));
    if (phase === undefined) {
      problem(
        `the name of a phase derived from the manifests (${names.join(', ')})`,
        JSON.stringify(fault.phase),
      );
      return;
    }
    const atMs = fault.at === undefined ? null : parseDurationMs(fault.at);
    if (atMs !== null && atMs >= phase.durationMs) {
      problem(
        `a time inside phase ${phase.name} (less than ${formatDuration(phase.durationMs)})`,
        JSON.stringify(fault.at),
      );
    }
  });
  return problems;
}

/** The file's bytes; a file that cannot be read becomes an InputError with the problem `problemFor` builds. */
async function readBytes(path: string, problemFor: (found: string) => Problem): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (error) {
    throw new InputError([problemFor(describeReadError(error, `no file at ${path}`))]);
  }
}

/** sha256 of the scenario's bytes, then of each manifest's: a change in a manifest changes the scenario's hash. */
function sha256(parts: readonly Uint8Array[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest('hex');
}
