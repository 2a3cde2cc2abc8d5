import { normalQuantile } from '../random/index.js';
import { fitProportion, type ProportionFit } from './fitProportion.js';

/** Requests served (not refused) and failed in one segment. */
export interface SegmentCounts {
  segment: string;
  served: number;
  errors: number;
}

/** A segment's error rate with its 95% interval, and whether it differs from the segments that share one rate. */
export interface SegmentErrorRate extends ProportionFit {
  segment: string;
  /** The segment was set apart from the shared rate (it becomes a `segments` override). */
  differs: boolean;
}

/** |z| of the two-proportion test of segment `s` against the pooled rest of `group`. */
function zAgainstRest(segments: readonly SegmentCounts[], group: ReadonlySet<number>, s: number): number {
  let errors = 0;
  let served = 0;
  for (const i of group) {
    errors += segments[i]!.errors;
    served += segments[i]!.served;
  }
  const own = segments[s]!;
  const restServed = served - own.served;
  const pooled = errors / served;
  if (own.served === 0 || restServed === 0 || pooled === 0 || pooled === 1) return 0;
  const restRate = (errors - own.errors) / restServed;
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / own.served + 1 / restServed));
  return Math.abs(own.errors / own.served - restRate) / se;
}

/**
 * Each segment's error rate with its 95% interval, and which segments share one rate. Starting from all
 * segments, the one whose rate differs most from the pooled rest (two-proportion z-test; on a tie, the
 * smaller segment) is set apart while that difference is significant at 5% / k for k segments
 * (Bonferroni: if all segments share one rate, any is set apart at most 5% of the time). What remains is
 * the analyzer's `errorRate`; each segment set apart becomes a `segments` override.
 */
export function segmentErrorRates(segments: readonly SegmentCounts[]): SegmentErrorRate[] {
  const critical = normalQuantile(1 - 0.05 / Math.max(1, segments.length) / 2);
  const shared = new Set(segments.map((_, i) => i));
  while (shared.size >= 2) {
    let worst = -1;
    let worstZ = 0;
    for (const s of shared) {
      const z = zAgainstRest(segments, shared, s);
      const tie = z === worstZ && worst >= 0 && segments[s]!.served < segments[worst]!.served;
      if (z > worstZ || tie) {
        worst = s;
        worstZ = z;
      }
    }
    if (worst < 0 || worstZ <= critical) break;
    shared.delete(worst);
  }
  return segments.map(({ segment, served, errors }, i) => ({
    segment,
    ...fitProportion(errors, served),
    differs: !shared.has(i),
  }));
}

/**
 * The rate of the segments that share it: the pooled rate of all segments not set apart (the overall rate
 * when none is), i.e. the analyzer's `errorRate` beside its segment overrides.
 */
export function sharedErrorRate(
  overall: ProportionFit,
  segments: readonly SegmentErrorRate[],
): ProportionFit {
  const shared = segments.filter((segment) => !segment.differs);
  if (shared.length === segments.length) return overall;
  const errors = shared.reduce((sum, segment) => sum + segment.count, 0);
  const served = shared.reduce((sum, segment) => sum + segment.total, 0);
  return fitProportion(errors, served);
}
