import { describe, expect, it } from 'vitest';
import { timelineFromPhases } from '../../src/finance/index.js';
import { HOUR_MS, YEAR_MS } from './fixtures.js';

const canary = { share: 0.01, startMs: 0, endMs: 2 * HOUR_MS };
const ramp = { share: 0.1, startMs: 2 * HOUR_MS, endMs: 6 * HOUR_MS };
const full = { share: 1, startMs: 6 * HOUR_MS, endMs: 6 * HOUR_MS + 13 * 24 * HOUR_MS };

describe('timelineFromPhases', () => {
  it('a completed rollout stays at its last share to the horizon', () => {
    const timeline = timelineFromPhases([canary, ramp, full], YEAR_MS, 'completed', 3);
    expect(timeline.segments).toEqual([
      { fromMs: 0, toMs: 2 * HOUR_MS, share: 0.01 },
      { fromMs: 2 * HOUR_MS, toMs: 6 * HOUR_MS, share: 0.1 },
      { fromMs: 6 * HOUR_MS, toMs: full.endMs, share: 1 },
      { fromMs: full.endMs, toMs: YEAR_MS, share: 1 },
    ]);
    expect(timeline.fullRolloutAtMs).toBe(6 * HOUR_MS);
  });

  it.each(['rolled-back', 'halted'] as const)('%s: 0 from the decision to the horizon', (ending) => {
    const rolledBackRamp = { ...ramp, endMs: 3 * HOUR_MS };
    const timeline = timelineFromPhases([canary, rolledBackRamp], YEAR_MS, ending, 3);
    expect(timeline.segments.at(-1)).toEqual({ fromMs: 3 * HOUR_MS, toMs: YEAR_MS, share: 0 });
    expect(timeline.fullRolloutAtMs).toBeNull();
    expect(timeline.ending).toBe(ending);
  });

  it('a partial replay (only the canary recorded) stays at the last recorded share, never at full exposure', () => {
    const timeline = timelineFromPhases([canary], YEAR_MS, 'partial', 3);
    expect(timeline.segments).toEqual([
      { fromMs: 0, toMs: 2 * HOUR_MS, share: 0.01 },
      { fromMs: 2 * HOUR_MS, toMs: YEAR_MS, share: 0.01 },
    ]);
    expect(timeline.fullRolloutAtMs).toBeNull();
  });

  it('holds the earlier share while waiting for a manual approval', () => {
    const lateRamp = { share: 0.1, startMs: 26 * HOUR_MS, endMs: 30 * HOUR_MS };
    const timeline = timelineFromPhases([canary, lateRamp], YEAR_MS, 'completed', 2);
    expect(timeline.segments.slice(0, 3)).toEqual([
      { fromMs: 0, toMs: 2 * HOUR_MS, share: 0.01 },
      { fromMs: 2 * HOUR_MS, toMs: 26 * HOUR_MS, share: 0.01 },
      { fromMs: 26 * HOUR_MS, toMs: 30 * HOUR_MS, share: 0.1 },
    ]);
  });

  it('clips to the horizon', () => {
    const timeline = timelineFromPhases([canary, ramp], 3 * HOUR_MS, 'completed', 2);
    expect(timeline.segments).toEqual([
      { fromMs: 0, toMs: 2 * HOUR_MS, share: 0.01 },
      { fromMs: 2 * HOUR_MS, toMs: 3 * HOUR_MS, share: 0.1 },
    ]);
  });
});
