import type { PathSegment } from '../scenario/problems.js';
import type { Scenario } from '../scenario/scenarioSchema.js';

/** Something of a scenario that the controller cannot express, at its field path in the scenario. */
export interface ExportWarning {
  path: PathSegment[];
  /** What the controller can express there. */
  expected: string;
  /** What the scenario has, and what the export wrote instead. */
  found: string;
}

/** A controller's manifests written from a scenario: documents as data, in order, and what was lost. */
export interface ExportedManifests {
  documents: Record<string, unknown>[];
  warnings: ExportWarning[];
}

/**
 * The phases a scenario states itself. Without a `controller` section the schema requires them; a
 * controller scenario's phases come from its manifests, which an export writes back instead.
 */
export function nativePhases(scenario: Scenario): NonNullable<Scenario['phases']> {
  if (scenario.phases === undefined)
    throw new Error(`scenario "${scenario.name}" has no phases of its own to export`);
  return scenario.phases;
}
