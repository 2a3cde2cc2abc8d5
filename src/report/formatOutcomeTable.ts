import { formatCount, formatMs, formatPercent } from '../gates/index.js';
import { formatDuration } from '../scenario/duration.js';
import { buildRunView, type PhaseView } from './buildRunView.js';
import { MISSING } from './reportHelpers.js';
import type { Results } from './results.js';
import { PLAIN_STYLE, type TerminalStyle } from './terminalStyle.js';

const COLUMNS = ['phase', 'traffic', 'requests', 'errors', 'p99', 'decision'] as const;
const RIGHT_ALIGNED = new Set<string>(['traffic', 'requests', 'errors', 'p99']);

function cells(phase: PhaseView): string[] {
  if (!phase.reached) {
    const why = phase.notRecorded ? 'not recorded' : 'not reached';
    return [phase.name, formatPercent(phase.traffic), MISSING, MISSING, MISSING, why];
  }
  const decision =
    phase.decision === null
      ? phase.status
      : `${phase.decision.action} at ${formatDuration(phase.decision.offsetMs)}`;
  return [
    phase.name,
    formatPercent(phase.traffic),
    formatCount(phase.requests),
    formatCount(phase.errors),
    phase.p99LatencyMs === null ? MISSING : formatMs(phase.p99LatencyMs),
    decision,
  ];
}

function styleDecision(text: string, style: TerminalStyle): string {
  if (text.startsWith('rollback')) return style.bad(text);
  if (text.startsWith('halt') || text.startsWith('await-approval')) return style.warn(text);
  if (text.startsWith('advance')) return style.good(text);
  return text;
}

/**
 * The compact outcome table (phase, traffic, requests, errors, p99 at the last checkpoint, decision),
 * one line per phase, columns padded to their widest cell. A replay's phase without rows is `not
 * recorded`, one that the gate logic stopped before is `not reached`.
 */
export function formatOutcomeTable(results: Results, style: TerminalStyle = PLAIN_STYLE): string {
  const rows = [[...COLUMNS], ...buildRunView(results).phases.map(cells)];
  const widths = COLUMNS.map((_, column) => Math.max(...rows.map((row) => [...(row[column] ?? '')].length)));
  const lines = rows.map((row, index) =>
    row
      .map((cell, column) => {
        const padding = ' '.repeat((widths[column] ?? 0) - [...cell].length);
        const padded = RIGHT_ALIGNED.has(COLUMNS[column] ?? '') ? padding + cell : cell + padding;
        if (index === 0) return style.bold(padded);
        return column === COLUMNS.length - 1 ? styleDecision(padded, style) : padded;
      })
      .join('  ')
      .trimEnd(),
  );
  return `${lines.join('\n')}\n`;
}
