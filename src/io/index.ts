export { readScenario } from './readScenario.js';
export { type OutputFile, writeFilesAtomically } from './writeFilesAtomically.js';
