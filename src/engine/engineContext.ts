import { BucketTables } from '../model/index.js';
import type { Plan } from '../scenario/plan.js';
import type { SamplerKind } from './cohortSampler.js';
import type { EngineSetup } from './engineSetup.js';
import { planSetup } from './planSetup.js';
import { type RehearsalDetail, RehearsalWorkspace } from './rehearsalWorkspace.js';

type WorkspaceKey = `${SamplerKind} ${RehearsalDetail}`;

/**
 * What rehearsals of the same plans share, owned by whoever rehearses them (a study, a what-if job, a
 * benchmark) rather than kept by the module for the whole process: each plan's resolved setup, the
 * buffers and samplers a rehearsal reuses (its workspace, per sampler kind and detail) and the latency
 * bucket tables. A Monte Carlo makes one and passes it to every run (`RehearseOptions.context`), so the
 * plan is resolved once and the hot loop allocates nothing; it goes, with all it holds, when its owner
 * lets it go. Results never depend on it: a fresh context gives the same rehearsal bit for bit.
 *
 * Plans are read-only once compiled, so a setup is looked up by the plan object.
 */
export class EngineContext {
  /** Latency bucket tables by (bounds, mixture). */
  readonly bucketTables = new BucketTables();
  private readonly setups = new Map<Plan, EngineSetup>();
  private readonly workspaces = new Map<EngineSetup, Partial<Record<WorkspaceKey, RehearsalWorkspace>>>();

  /** The plan's engine setup ({@link planSetup}), resolved on first use. */
  setup(plan: Plan): EngineSetup {
    let setup = this.setups.get(plan);
    if (setup === undefined) {
      setup = planSetup(plan);
      this.setups.set(plan, setup);
    }
    return setup;
  }

  /** The workspace of (setup, kind, detail), built on first use. */
  workspace(setup: EngineSetup, kind: SamplerKind, detail: RehearsalDetail): RehearsalWorkspace {
    let byKey = this.workspaces.get(setup);
    if (byKey === undefined) {
      byKey = {};
      this.workspaces.set(setup, byKey);
    }
    const key: WorkspaceKey = `${kind} ${detail}`;
    byKey[key] ??= new RehearsalWorkspace(setup, kind, detail, this.bucketTables);
    return byKey[key];
  }
}
