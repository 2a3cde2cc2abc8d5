import type { Rehearsal } from '../engine/rehearsal.js';
import type { Plan } from '../scenario/plan.js';
import { formatProblem, type Problem } from '../scenario/problems.js';
import { closestName } from '../scenario/suggest.js';
import { assembleReplay } from './assembleReplay.js';
import type { ObservationRow } from './observation.js';
import {
  type ObservedRate,
  type ReplayWarning,
  type ReplayWarningKind,
  statedRateWarning,
} from './replayChecks.js';
import { PhaseReplay } from './replayPhase.js';

/** How to replay: the file's name for messages, and whether bad rows are skipped (`--lenient`) or fatal. */
export interface ReplayOptions {
  file: string;
  lenient: boolean;
  /**
   * Known phase starts, epoch ms by phase name (`--phase-start`). A phase given here takes its ISO rows as
   * times since this start, whatever its first row is (an export every minute, say); without it, the
   * phase's first row is taken as its first planned checkpoint. Offsets are always since the phase
   * start, and its absolute times then follow from the given one.
   */
  phaseStarts?: Readonly<Record<string, number>>;
}

/** What the replay read and found, beside the rehearsal-shaped result: `results.json`'s `replay` section. */
export interface ReplayInfo {
  file: string;
  lenient: boolean;
  /** Data rows in the file (the header not counted). */
  rows: number;
  /** Rows skipped as bad input (only with `lenient`). */
  skippedRows: number;
  /** Recorded points (distinct phase × at) that were read. */
  points: number;
  /** The error rate at every replayed checkpoint (and per segment) with its Clopper–Pearson 95% interval. */
  rates: ObservedRate[];
  warnings: ReplayWarning[];
  /** How many warnings of each kind there were, including those beyond the listed ones. */
  warningCounts: Partial<Record<ReplayWarningKind, number>>;
}

/** A replay: the same shape as a rehearsal, plus what the data checks found. */
export interface Replay {
  rehearsal: Rehearsal;
  replay: ReplayInfo;
}

export type ReplayResult = { ok: true; replay: Replay } | { ok: false; problems: Problem[] };

/**
 * What a problem says of a phase name the scenario does not have (a CSV row's, a `--phase-start` flag's):
 * the phases it has, and the closest one when there is one.
 *
 * @example unknownPhase('canry', ['canary', 'ramp']).found // '"canry" (did you mean canary?)'
 */
export function unknownPhase(name: string, names: readonly string[]): { expected: string; found: string } {
  const hint = closestName(name, names);
  return {
    expected: `one of the scenario's phases (${names.join(', ')})`,
    found: `${JSON.stringify(name)}${hint === null ? '' : ` (did you mean ${hint}?)`}`,
  };
}

/** Listed problems and warnings are capped so that a file of a million bad rows stays readable and bounded. */
export const MAX_LISTED = 100;

/**
 * Replays recorded metrics through a plan's gates, row by row, in bounded memory: rows are grouped into
 * recorded points per phase, each point runs the rehearsal's guard code, each planned checkpoint its gate
 * code and `decideCheckpoint`, and `finish` assembles a {@link Rehearsal} with the data checks beside it.
 * Pure: the reader in `io/` feeds it; tests feed it arrays.
 *
 * @example
 * const builder = new ReplayBuilder(plan, { file: 'obs.csv', lenient: false });
 * for (const row of rows) builder.row(row);
 * builder.finish() // { ok: true, replay: { rehearsal, replay } }
 */
export class ReplayBuilder {
  private readonly phases = new Map<string, PhaseReplay>();
  private readonly problems: Problem[] = [];
  private problemCount = 0;
  private readonly warnings: ReplayWarning[] = [];
  private readonly warningCounts: Partial<Record<ReplayWarningKind, number>> = {};
  private rows = 0;
  private skippedRows = 0;

  constructor(
    private readonly plan: Plan,
    private readonly options: ReplayOptions,
  ) {
    const segmentIds = plan.segments.map((segment) => segment.id);
    for (const phase of plan.phases) {
      this.phases.set(
        phase.name,
        new PhaseReplay(
          phase,
          plan.guards,
          plan.intervalMs / 2,
          options.file,
          segmentIds,
          options.phaseStarts?.[phase.name] ?? null,
        ),
      );
    }
  }

  private warn(warning: ReplayWarning): void {
    this.warningCounts[warning.kind] = (this.warningCounts[warning.kind] ?? 0) + 1;
    if (this.warnings.length < MAX_LISTED) this.warnings.push(warning);
  }

  /** Header columns the file has but replay does not read. */
  ignoredColumns(names: readonly string[]): void {
    for (const name of names) {
      const message = `column "${name}" is not an observed-metrics column and was not read`;
      this.warn({ kind: 'ignored-column', line: 1, phase: null, message });
    }
  }

  /** A data row that could not be read: fatal, or skipped and counted with `lenient`. */
  rejected(line: number, problems: readonly Problem[]): void {
    this.rows++;
    this.reject(line, problems);
  }

  private reject(line: number, problems: readonly Problem[]): void {
    if (this.options.lenient) {
      this.skippedRows++;
      const message = `line ${line} skipped: ${problems.map(formatProblem).join('; ')}`;
      this.warn({ kind: 'skipped-row', line, phase: null, message });
      return;
    }
    this.problemCount += problems.length;
    for (const problem of problems) if (this.problems.length < MAX_LISTED) this.problems.push(problem);
  }

  /** A data row read without problems. */
  row(row: ObservationRow): void {
    this.rows++;
    const phase = this.phases.get(row.phase);
    if (phase === undefined) {
      const { expected, found } = unknownPhase(row.phase, [...this.phases.keys()]);
      this.reject(row.line, [
        { file: this.options.file, line: row.line, column: null, path: 'phase', expected, found },
      ]);
      return;
    }
    const problem = phase.add(row);
    if (problem !== null) {
      this.reject(row.line, [problem]);
      return;
    }
    const warning = statedRateWarning(row);
    if (warning !== null) this.warn(warning);
  }

  /** Closes every phase and assembles the result, or returns every problem when the file had any. */
  finish(): ReplayResult {
    const file = this.options.file;
    if (this.problemCount > MAX_LISTED) {
      const found = `${this.problemCount - MAX_LISTED} more problems`;
      this.problems.push({
        file,
        line: null,
        column: null,
        path: '',
        expected: `at most ${MAX_LISTED} listed`,
        found,
      });
    }
    for (const phase of this.phases.values()) phase.finish();
    const replayed = [...this.phases.values()].filter((phase) => phase.points > 0);
    if (this.problems.length === 0 && replayed.length === 0) {
      const found = `${this.skippedRows} rows, all skipped`;
      this.problems.push({
        file,
        line: null,
        column: null,
        path: '',
        expected: 'at least one usable row',
        found,
      });
    }
    if (this.problems.length > 0) return { ok: false, problems: this.problems };
    for (const phase of this.phases.values()) for (const warning of phase.warnings) this.warn(warning);
    const rehearsal = assembleReplay(this.plan, this.phases, (warning) => this.warn(warning));
    const replay: ReplayInfo = {
      file,
      lenient: this.options.lenient,
      rows: this.rows,
      skippedRows: this.skippedRows,
      points: replayed.reduce((total, phase) => total + phase.points, 0),
      rates: replayed.flatMap((phase) => phase.rates),
      warnings: this.warnings,
      warningCounts: this.warningCounts,
    };
    return { ok: true, replay: { rehearsal, replay } };
  }
}
