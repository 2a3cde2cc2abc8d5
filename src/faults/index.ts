/**
 * Faults and what-if: when a fault acts in a run (`faultWindows`), where faults come from (`--fault` specs,
 * fault files with names and claims, the scenario's own), the toll and detection of one run, the summary
 * into `whatif.json`, and its report view and files. Pure: reading fault files, the what-if of a scenario
 * file and the runner on the shared worker pool live in `src/io/`. Effects of each kind live in
 * `model/faultEffects.ts`; one run of a what-if in `engine/whatif.ts`. See docs/faults.md.
 */
export { buildWhatifView, type WhatifRowView, type WhatifView } from './buildWhatifView.js';
export { classifyDetection, type Detection, type Trigger } from './classifyDetection.js';
export { type ExposureInputs, type FaultExposure, faultExposure } from './faultExposure.js';
export { FAULT_SPEC_EXAMPLE, type FaultSpecResult, formatFaultSpec, parseFaultSpec } from './faultSpec.js';
export { type FaultTiming, type FaultWindow, faultWindows, phaseStartsMs, windowAt } from './faultWindows.js';
export { type FaultClaim, faultsFromSpecs, faultsOfPlan, type NamedFault } from './namedFault.js';
export { type FaultFileResult, parseFaultFile } from './parseFaultFile.js';
export { buildWhatifChartInputs, renderWhatifCharts, type WhatifCharts } from './renderWhatifCharts.js';
export { renderWhatifFiles, stringifyWhatif, type WhatifTemplates } from './renderWhatifFiles.js';
export { summarizeWhatif, type WhatifMeta } from './summarizeWhatif.js';
export * from './whatifResults.js';
