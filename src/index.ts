/**
 * rollout-rehearsal as a library. The gate logic is also its own entry point,
 * `rollout-rehearsal/gates`, for a production controller that needs nothing else.
 */
export * as engine from './engine/index.js';
export * as finance from './finance/index.js';
export * as gates from './gates/index.js';
export * as io from './io/index.js';
export * as random from './random/index.js';
export * as risk from './riskLibrary.js';
export * as scenario from './scenario/index.js';
export * as stats from './stats/index.js';
