import { type RandomStream, sampleGamma, sampleLognormal } from '../random/index.js';

const HOURS_PER_YEAR = 8760;

/** Above this many purchases in one draw, their sum is drawn from the moment-matched gamma. */
export const EXACT_PURCHASE_SUM_MAX = 32;

/**
 * Revenue as a compound Poisson process: purchases at `purchasesPerLearnerHour` per learner, each a
 * lognormal amount with mean `meanPurchaseUsd` and coefficient of variation `purchaseAmountCv`.
 */
export interface RevenueModel {
  purchasesPerLearnerHour: number;
  meanPurchaseUsd: number;
  purchaseAmountCv: number;
  /** ln(amount in USD) ~ N(amountMu, amountSigma²), matching the mean and cv. */
  amountMu: number;
  amountSigma: number;
}

/**
 * The model that makes `learners` earn `baselineAnnualRevenueUsd` a year: mean purchase
 * `baselineAnnualRevenueUsd / (learners · purchasesPerLearnerYear)`.
 *
 * @example revenueModel(50_000_000, 500_000, 12, 1.5).meanPurchaseUsd // 8.33
 */
export function revenueModel(
  baselineAnnualRevenueUsd: number,
  learners: number,
  purchasesPerLearnerYear: number,
  purchaseAmountCv: number,
): RevenueModel {
  const meanPurchaseUsd = learners > 0 ? baselineAnnualRevenueUsd / (learners * purchasesPerLearnerYear) : 0;
  const amountSigma = Math.sqrt(Math.log1p(purchaseAmountCv * purchaseAmountCv));
  return {
    purchasesPerLearnerHour: purchasesPerLearnerYear / HOURS_PER_YEAR,
    meanPurchaseUsd,
    purchaseAmountCv,
    amountMu: Math.log(meanPurchaseUsd) - (amountSigma * amountSigma) / 2,
    amountSigma,
  };
}

/**
 * The total, USD, of `purchases` independent purchase amounts: summed exactly for up to
 * {@link EXACT_PURCHASE_SUM_MAX} purchases, else drawn from the gamma with the same mean and variance
 * (shape `K / cv²`, scale `m · cv²`), whose error is far below the Poisson noise of K itself.
 *
 * @example sampleRevenueUsd(rng, 14, model) // e.g. 96.40
 */
export function sampleRevenueUsd(rng: RandomStream, purchases: number, model: RevenueModel): number {
  if (purchases <= 0 || model.meanPurchaseUsd === 0) return 0;
  const cv = model.purchaseAmountCv;
  if (cv === 0) return purchases * model.meanPurchaseUsd;
  if (purchases > EXACT_PURCHASE_SUM_MAX) {
    const cv2 = cv * cv;
    return sampleGamma(rng, purchases / cv2, model.meanPurchaseUsd * cv2);
  }
  let totalUsd = 0;
  for (let i = 0; i < purchases; i++) totalUsd += sampleLognormal(rng, model.amountMu, model.amountSigma);
  return totalUsd;
}
