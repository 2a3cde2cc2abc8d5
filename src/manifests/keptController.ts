import { parseDocument } from 'yaml';

/** The `controller` values of a scenario that are the user's, not the manifests'. */
export interface KeptController {
  metrics: Map<string, string>;
  providers: Map<string, number>;
  manualPause?: string;
}

/**
 * The `controller.metrics`, `controller.providers` and `controller.manualPause` of a scenario's text
 * (`--model-from`), so that a re-import keeps what the user said about the manifests; empty without one.
 *
 * @example keptController('controller: { metrics: { m: errorRate } }').metrics.get('m') // 'errorRate'
 */
export function keptController(text: string | undefined): KeptController {
  const metrics = new Map<string, string>();
  const providers = new Map<string, number>();
  // logLevel 'error': a key yaml would stringify is not this function's to report, and yaml would
  // otherwise emit a process warning on stderr (the CLI checks the text first, with line numbers).
  const controller =
    text === undefined ? undefined : parseDocument(text, { logLevel: 'error' }).toJS()?.controller;
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
