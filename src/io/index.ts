export { parseEffectSamples, readEffectSamples } from './readEffectSamples.js';
export { readScenario } from './readScenario.js';
export { type OutputFile, writeFilesAtomically } from './writeFilesAtomically.js';
