import type { FlaggerWebhook } from './flaggerAnalysis.js';

/**
 * What the world answers at one check: each metric's query value by metric name (absent or null: "no
 * values found") and each webhook's outcome by name (true: it answered HTTP 2xx). A webhook not listed
 * takes its type's resting outcome: `rollout` and `pre-rollout` checks pass, gates (`confirm-rollout`,
 * `confirm-traffic-increase`, `confirm-promotion`) stay closed until a tick opens them, and `rollback`
 * hooks do not ask for a rollback.
 */
export interface CanaryTick {
  metrics?: Readonly<Record<string, number | null>>;
  webhooks?: Readonly<Record<string, boolean>>;
}

/** A webhook's outcome at a tick, with its type's resting outcome when the tick does not say. */
export function webhookOutcome(webhook: FlaggerWebhook, tick: CanaryTick): boolean {
  const said = tick.webhooks?.[webhook.name];
  if (said !== undefined) return said;
  const type = webhook.type ?? 'rollout';
  return type === 'rollout' || type === 'pre-rollout' || type === 'post-rollout' || type === 'event';
}
