/** The effect columns a bootstrap-samples CSV may have; `revenueUplift` is required. */
export const EFFECT_SAMPLE_COLUMNS = ['revenueUplift', 'completionUplift', 'churnChange'] as const;

export type EffectSampleColumn = (typeof EFFECT_SAMPLE_COLUMNS)[number];

/**
 * Bootstrap replicates of the A/B test's effects, one row per replicate (relative changes: 0.058 is
 * +5.8%). Columns are equally long; a column the CSV lacks is null and is drawn from the scenario's
 * `{ mean, sd }` instead. Drawing a whole row keeps the effects' correlation within a replicate.
 */
export interface EffectSamples {
  /** Where the samples came from, for reports. */
  file: string;
  revenueUplift: number[];
  completionUplift: number[] | null;
  churnChange: number[] | null;
}
