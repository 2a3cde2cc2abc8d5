/**
 * What-if: where faults come from (`--fault` specs, fault files with names and claims, the scenario's
 * own), one run of the plan with and without a fault (`whatifRun`), the toll and detection of that run,
 * and the summary into `whatif.json`. Pure: reading fault files, the what-if of a scenario file and the
 * runner on the shared worker pool live in `src/io/`; when a fault acts (`faultWindows`) and its effect
 * of each kind live in `src/model/`; the report view and files in `src/report/`. See docs/faults.md.
 */
export { classifyDetection, type Detection, type Trigger } from './classifyDetection.js';
export { type ExposureInputs, type FaultExposure, faultExposure } from './faultExposure.js';
export { FAULT_SPEC_EXAMPLE, type FaultSpecResult, formatFaultSpec, parseFaultSpec } from './faultSpec.js';
export { type FaultClaim, faultsFromSpecs, faultsOfPlan, type NamedFault } from './namedFault.js';
export { type FaultFileResult, parseFaultFile } from './parseFaultFile.js';
export { summarizeWhatif, type WhatifMeta } from './summarizeWhatif.js';
export {
  type FaultRun,
  prepareWhatif,
  runWhatifInThread,
  type WhatifContext,
  type WhatifJob,
  type WhatifRun,
  type WhatifRunner,
  whatifRun,
} from './whatif.js';
export * from './whatifResults.js';
