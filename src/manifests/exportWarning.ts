import type { PathSegment } from '../scenario/problems.js';

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
