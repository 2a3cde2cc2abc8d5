/**
 * The edges that touch files and threads: reading scenarios, fault files, CSVs and templates, the
 * start-to-finish rehearsal and what-if of a scenario file, worker pools, and writing outputs atomically.
 */

export type { OutputFile } from '../report/outputFile.js';
export { describeReadError } from './describeReadError.js';
export { loadControllerManifests, type ManifestFile } from './loadControllerManifests.js';
export { parseEffectSamples, readEffectSamples } from './readEffectSamples.js';
export { readFaultFile } from './readFaultFile.js';
export { readScenario } from './readScenario.js';
export { readTemplate, readTemplates } from './readTemplate.js';
export { type RehearseScenarioOptions, readRunTemplates, rehearseScenario } from './rehearseScenario.js';
export { closeRiskWorkers, prestartRiskWorkers } from './riskPool.js';
export { type RiskStudyOptions, type RiskStudyOutputs, runRiskStudy } from './runRiskStudy.js';
export { whatifRunnerOn } from './runWhatifInWorkers.js';
export { tallyInWorkers } from './tallyInWorkers.js';
export { readWhatifTemplates, type WhatifScenarioOptions, whatifScenario } from './whatifScenario.js';
export { writeFilesAtomically } from './writeFilesAtomically.js';
