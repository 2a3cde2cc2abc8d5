import { stringify } from 'csv-stringify/sync';
import { formatDuration } from '../scenario/duration.js';
import { escapeCsvCell } from './escapeCsvCell.js';
import type { Results } from './results.js';
import { stableNumber } from './stableNumber.js';

/** The columns of `checkpoints.csv`, in order (documented in docs/results.md). */
export const CHECKPOINT_CSV_COLUMNS = [
  'phase',
  'checkpoint',
  'at',
  'offset',
  'metric',
  'op',
  'threshold',
  'observed',
  'verdict',
  'reason',
  'requests',
] as const;

type Cell = string | number | null;

function numberCell(value: number | null): Cell {
  return value === null ? null : stableNumber(value);
}

/**
 * `checkpoints.csv`: one row per phase × checkpoint × gate, in rehearsal order, with a header row.
 * `offset` is the checkpoint's offset from the phase start as a duration (`1h30m`); `requests` counts the
 * checkpoint's window; an empty `observed` means the window gave no value. Text cells are escaped
 * against formula injection ({@link escapeCsvCell}); numbers are written as numbers.
 */
export function buildCheckpointsCsv(results: Results): string {
  const rows: Cell[][] = [];
  for (const phase of results.phases) {
    for (const checkpoint of phase.checkpoints) {
      for (const gate of checkpoint.gates) {
        rows.push([
          phase.name,
          checkpoint.label,
          checkpoint.at,
          formatDuration(checkpoint.offsetMs),
          gate.metric,
          gate.op,
          numberCell(gate.threshold),
          numberCell(gate.observed),
          gate.verdict,
          gate.reason,
          numberCell(checkpoint.metrics.requests),
        ]);
      }
    }
  }
  const escaped = rows.map((row) => row.map(escapeCsvCell));
  return stringify(escaped, { header: true, columns: [...CHECKPOINT_CSV_COLUMNS], record_delimiter: 'unix' });
}
