export * as gates from './gates/index.js';
export * as random from './random/index.js';
export * as scenario from './scenario/index.js';
export * as stats from './stats/index.js';
