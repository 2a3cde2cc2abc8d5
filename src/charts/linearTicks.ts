import { format as d3Format } from 'd3-format';
import type { Tick } from './axes.js';

/** The part of a d3 continuous scale that ticks need. */
interface TickingScale {
  ticks(count?: number): number[];
  tickFormat(count?: number): (value: number) => string;
}

/**
 * d3's ticks of `scale` for about `count` ticks (round steps of 1, 2 or 5 × 10ⁿ within the domain), each
 * labelled with d3-format's `specifier` (`'.2~%'`; each label on its own, so `$0` and `$2M` rather than
 * `$0M`), or with as many decimals as the step needs when none is given. Call after `scale.nice(count)`, so the domain's ends are ticks.
 *
 * @example linearTicks(scaleLinear().domain([0, 2]), 4) // 0, 0.5, 1, 1.5, 2 labelled '0.0' … '2.0'
 */
export function linearTicks(scale: TickingScale, count: number, specifier?: string): Tick[] {
  const format = specifier === undefined ? scale.tickFormat(count) : d3Format(specifier);
  return scale.ticks(count).map((value) => ({ value, label: format(value) }));
}
