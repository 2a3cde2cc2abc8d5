import { buildRunView, type PhaseView } from './buildRunView.js';
import type { Results } from './results.js';

/** The `--json` summary: the outcome, a short line per phase and the files written. */
export interface RunJsonSummary {
  outcome: Results['outcome'];
  phases: Array<{
    name: string;
    status: PhaseView['status'];
    traffic: number;
    requests: number;
    errors: number;
    p99LatencyMs: number | null;
    decision: string | null;
  }>;
  files: string[];
}

/** What `rehearse run --json` prints: {@link RunJsonSummary}. */
export function buildRunJsonSummary(results: Results, files: readonly string[]): RunJsonSummary {
  return {
    outcome: results.outcome,
    phases: buildRunView(results).phases.map((phase) => ({
      name: phase.name,
      status: phase.status,
      traffic: phase.traffic,
      requests: phase.requests,
      errors: phase.errors,
      p99LatencyMs: phase.p99LatencyMs,
      decision: phase.decision?.action ?? null,
    })),
    files: [...files],
  };
}
