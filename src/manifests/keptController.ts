/** The `controller` values of a scenario that are the user's, not the manifests'. */
export interface KeptController {
  metrics: Map<string, string>;
  providers: Map<string, number>;
  manualPause?: string;
}

/**
 * The `controller.metrics`, `controller.providers` and `controller.manualPause` of a scenario
 * (`--model-from`), as its file's data already read (the scenario parser's value, its problems reported
 * there), so that a re-import keeps what the user said about the manifests; empty without one.
 *
 * @example keptController({ controller: { metrics: { m: 'errorRate' } } }).metrics.get('m') // 'errorRate'
 */
export function keptController(model: unknown): KeptController {
  const metrics = new Map<string, string>();
  const providers = new Map<string, number>();
  const controller = (model as { controller?: unknown } | null | undefined)?.controller as
    | { metrics?: object; providers?: object; manualPause?: unknown }
    | null
    | undefined;
  if (typeof controller !== 'object' || controller === null) return { metrics, providers };
  for (const [name, value] of Object.entries(controller.metrics ?? {})) {
    if (typeof value === 'string') metrics.set(name, value);
  }
  for (const [name, value] of Object.entries(controller.providers ?? {})) {
    const probability = (value as { successProbability?: unknown } | null)?.successProbability;
    if (typeof probability === 'number') providers.set(name, probability);
  }
  return typeof controller.manualPause === 'string'
    ? { metrics, providers, manualPause: controller.manualPause }
    : { metrics, providers };
}
