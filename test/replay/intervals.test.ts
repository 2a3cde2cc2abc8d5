import { describe, expect, it } from 'vitest';
import { observedRate } from '../../src/replay/replayChecks.js';

/**
 * Clopper–Pearson 95% intervals of observed error rates, against scipy 1.17:
 *   from scipy.stats import binomtest
 *   ci = binomtest(k, n).proportion_ci(confidence_level=0.95, method='exact'); (ci.low, ci.high)
 */
describe('the 95% interval on every observed rate', () => {
  it.each([
    [0, 48, 0.0, 0.07397278534728029],
    [0, 95, 0.0, 0.03808607756968376],
    [0, 190, 0.0, 0.01922789475328828],
    [0, 285, 0.0, 0.012860030645930918],
    [0, 380, 0.0, 0.009660611079874168],
    [3, 1000, 0.0006190999316499173, 0.008742023238657654],
    [46, 7412, 0.004547161131819594, 0.00826955438622554],
    [1, 2, 0.01257911709367899, 0.987420882906321],
    [10, 10, 0.6915028921812371, 1.0],
  ])('%i errors in %i requests: [%f, %f]', (errors, requests, low, high) => {
    const rate = observedRate('canary', '2h', null, requests, errors);
    expect(rate.errorRate).toBe(errors / requests);
    expect(rate.ci95[0]).toBeCloseTo(low, 10);
    expect(rate.ci95[1]).toBeCloseTo(high, 10);
  });

  it('has no value and the whole [0, 1] without requests', () => {
    expect(observedRate('canary', '2h', null, 0, 0)).toMatchObject({ errorRate: null, ci95: [0, 1] });
  });
});
