/**
 * Prometheus queries from controller manifests read as the metrics the rehearsal models: error and
 * success ratios, latency quantiles from histograms, and their windows. Pure; see docs/controllers.md.
 */
export { type PromqlSyntaxError, parsePromql } from './parsePromql.js';
export { promDurationMs } from './promDuration.js';
export type { LabelMatcher, PromqlNode } from './promqlSyntax.js';
export { type QueryMapping, type QueryVariables, queryValue, recognizeQuery } from './recognizeQuery.js';
