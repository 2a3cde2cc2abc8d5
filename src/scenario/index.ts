/**
 * Scenarios: the schema of scenario files, duration syntax, parsing YAML/JSON text into a validated
 * scenario with every problem located by file, line and field path, and compiling it into a Plan.
 * Pure: nothing here reads files (see `src/io/readScenario.ts`).
 */
export { type CompileExtras, compileScenario } from './compile.js';
export { decodeText } from './decodeText.js';
export { DURATION_EXAMPLES, formatDuration, parseDurationMs } from './duration.js';
export { FAULT_KINDS, type FaultKind } from './faultSchema.js';
export { scenarioJsonSchema, scenarioJsonSchemaText } from './jsonSchema.js';
export { type DiurnalResult, parseDiurnalCsv } from './parseDiurnalCsv.js';
export { type ParseResult, parseScenario } from './parseScenario.js';
export type {
  AnalyzerPlan,
  BusinessPlan,
  FaultPlan,
  PhasePlan,
  Plan,
  SegmentBehaviour,
  SegmentPlan,
  UncertainEffect,
} from './plan.js';
export { formatPath, formatProblem, type PathSegment, type Problem, sortProblems } from './problems.js';
export { poissonAtLeast, type ReachWarning, reachWarnings } from './reachableRequests.js';
export type { Scenario, ScenarioInput } from './scenarioSchema.js';
export type { Locate, Position } from './sourceMap.js';
export { closestName } from './suggest.js';
export { type ScenarioResult, scenarioSchema, validateScenario } from './validateScenario.js';
