import * as z from 'zod/mini';
import { METRIC_NAMES } from '../gates/metrics.js';
import { durationSchema, rate, strictMapping, text } from './fields.js';

const METRIC_LIST = METRIC_NAMES.join(', ');

/** A job or web provider's metric, modelled as the chance that one of its measurements succeeds. */
const providerSchema = strictMapping(
  { successProbability: rate('a probability in [0, 1] that one measurement succeeds') },
  'a mapping { successProbability }',
);

/**
 * A scenario's `controller`: the Argo Rollouts or Flagger manifests whose steps, analysis and rules the
 * rehearsal runs instead of the scenario's own `phases` and `guards`. The manifests stay the source of
 * truth; `metrics` maps a controller metric whose query is not a recognised shape to a modelled metric,
 * `providers` models a job/web metric as a success probability, and `manualPause` is how long a manual
 * gate (Argo's `pause: {}`, Flagger's `confirm-promotion`) holds before the rehearsal approves it.
 */
export const controllerSchema = strictMapping(
  {
    kind: z.enum(['argo', 'flagger'], { error: 'one of argo, flagger' }),
    manifests: z
      .array(text('a manifest path relative to the scenario file'), {
        error: 'a list of manifest files, like [rollout.yaml, analysis.yaml]',
      })
      .check(
        z.minLength(1, { error: 'at least one manifest file' }),
        z.maxLength(100, { error: 'at most 100 manifest files' }),
      ),
    metrics: z.optional(
      z.record(z.string(), z.enum(METRIC_NAMES, { error: `a modelled metric (${METRIC_LIST})` }), {
        error: 'a mapping of controller metric names to modelled metrics',
      }),
    ),
    providers: z.optional(
      z.record(z.string(), providerSchema, {
        error: 'a mapping of controller metric names to { successProbability }',
      }),
    ),
    manualPause: z._default(durationSchema, '1h'),
  },
  'a controller: a mapping { kind, manifests, metrics?, providers?, manualPause? }',
);

export type ControllerInput = z.output<typeof controllerSchema>;
