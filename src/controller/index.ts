/**
 * Controller manifests: Argo Rollouts (Rollout, AnalysisTemplate, ClusterAnalysisTemplate) and Flagger
 * (Canary, MetricTemplate) read into the plan a rehearsal runs, with located problems and warnings.
 * Pure: nothing here reads files (see `src/io/loadControllerManifests.ts`). See docs/controllers.md.
 */
export { type ManifestDocument, type ManifestText, readManifestDocuments } from './manifestDocuments.js';
export {
  type ControllerManifestsResult,
  type ControllerOptions,
  parseControllerManifests,
} from './parseControllerManifests.js';
