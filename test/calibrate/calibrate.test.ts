import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { type AvailabilityFit, type Calibration, formatCandidateYaml } from '../../src/calibrate/index.js';
import { calibrateCommand } from '../../src/cli/commands/calibrate.js';
import { InputError } from '../../src/errors.js';
import { calibrateFile } from '../../src/io/calibrateFile.js';
import { readScenario } from '../../src/io/readScenario.js';
import { deriveStream, sampleLognormal } from '../../src/random/index.js';
import { analyzerSchema } from '../../src/scenario/analyzerSchema.js';
import { formatProblem } from '../../src/scenario/problems.js';
import { makePlan } from '../engine/makePlan.js';
import { tempDir } from '../support/tempDir.js';
import { textSink } from '../support/textSink.js';
import { writeSyntheticLog } from './syntheticLog.js';

function within(value: number, [low, high]: readonly [number, number]): boolean {
  return value >= low && value <= high;
}

/** What the YAML block says, validated by the scenario's own analyzer schema. */
function pastedCandidate(calibration: Calibration) {
  const block = parse(formatCandidateYaml(calibration)) as { analyzers: { candidate: unknown } };
  return analyzerSchema.parse(block.analyzers.candidate);
}

const SEEDS = Array.from({ length: 20 }, (_, i) => i + 1);

/**
 * 95% intervals miss the truth 5% of the time, so single seeds prove little: over 20 seeds each interval must
 * cover the scenario's value at least 16 times (P(Binomial(20, 0.95) ≤ 15) = 0.26%), and the lognormal must
 * be judged to fit at least 16 times (the test's level is 5%).
 */
describe('calibrate recovers the default scenario’s candidate from its synthetic request log', () => {
  // The ramp of scenarios/sprint2-rollout.yaml: 50,000 candidate learners for 4 h, about 7,600 requests each.
  const fits: Calibration[] = [];
  let truth: { errorRate: number; p50: number; p99: number; sigma: number; availability: number };

  beforeAll(async () => {
    const plan = await readScenario('scenarios/sprint2-rollout.yaml');
    const candidate = plan.analyzers.candidate;
    const segment = candidate.bySegment[0]!;
    truth = {
      errorRate: segment.errorRate,
      p50: segment.latencyP50Ms,
      p99: segment.latencyP99Ms,
      sigma: (Math.log(segment.latencyP99Ms) - Math.log(segment.latencyP50Ms)) / 2.3263478740408408,
      availability: candidate.availability,
    };
    for (const seed of SEEDS)
      fits.push(await calibrateFile(await writeSyntheticLog(plan, seed, 1), { seed }));
  }, 120_000);

  it.each([
    ['errorRate', (fit: Calibration) => fit.errorRate.ci95, () => truth.errorRate],
    ['p50', (fit: Calibration) => fit.latency!.p50Ms.ci95, () => truth.p50],
    ['p99', (fit: Calibration) => fit.latency!.p99Ms.ci95, () => truth.p99],
    ['sigma', (fit: Calibration) => fit.latency!.sigma.ci95, () => truth.sigma],
    [
      'availability',
      (fit: Calibration) => (fit.availability as AvailabilityFit).ci95,
      () => truth.availability,
    ],
  ] as const)(
    '%s: the 95% interval covers the scenario’s value at ≥ 16 of 20 seeds',
    (_name, interval, value) => {
      const missed = SEEDS.filter((_, i) => !within(value(), interval(fits[i]!)));
      expect(missed.length, `missed at seeds ${missed.join(', ')}`).toBeLessThanOrEqual(4);
    },
  );

  it('judges the lognormal to fit at ≥ 16 of 20 seeds, and sets no segment apart at ≥ 16', () => {
    expect(fits.filter((fit) => fit.latency!.goodnessOfFit.verdict === 'fits').length).toBeGreaterThanOrEqual(
      16,
    );
    expect(
      fits.filter((fit) => fit.segments.every((segment) => !segment.differs)).length,
    ).toBeGreaterThanOrEqual(16);
    expect(fits.every((fit) => fit.cohort === 'candidate' && fit.used > 7000)).toBe(true);
  });

  it('prints a block the scenario schema accepts', () => {
    // The fitted values, to the three significant digits the block prints (their recovery is tested above).
    const pasted = pastedCandidate(fits[0]!);
    const latency = fits[0]!.latency!;
    expect(pasted.latencyMs.p50).toBe(Number(latency.p50Ms.value.toPrecision(3)));
    expect(pasted.latencyMs.p99).toBe(Number(latency.p99Ms.value.toPrecision(3)));
  });
});

describe('segments and outages', () => {
  // Segment c fails 3% of requests, a and b 1%; outages last 1 s on average (availability 99%).
  const plan = makePlan({
    learners: 20_000,
    requestsPerLearnerHour: 1,
    segments: [
      { id: 'a', share: 0.4 },
      { id: 'b', share: 0.4 },
      { id: 'c', share: 0.2, candidate: { errorRate: 0.03 } },
    ],
    candidate: { errorRate: 0.01, availability: 0.99, meanOutageMs: 1000 },
    phases: [{ name: 'canary', traffic: 0.5, durationMs: 7_200_000 }],
  });

  const seeds = [1, 2, 3, 4];
  const fits: Calibration[] = [];
  beforeAll(async () => {
    for (const seed of seeds) fits.push(await calibrateFile(await writeSyntheticLog(plan, seed), { seed }));
  }, 60_000);

  it('sets the differing segment apart at every seed, and it becomes an override', () => {
    for (const fit of fits) {
      expect(fit.segments.map((segment) => [segment.segment, segment.differs])).toEqual([
        ['a', false],
        ['b', false],
        ['c', true],
      ]);
      expect(pastedCandidate(fit).segments?.c?.errorRate).toBe(
        Number(fit.segments[2]!.value!.toPrecision(3)),
      );
    }
  });

  // Four seeds: each interval must cover at ≥ 3 of 4 (P(Binomial(4, 0.95) ≤ 2) = 1.4%).
  it.each([
    ['the shared error rate 1%', (fit: Calibration) => within(0.01, fit.sharedErrorRate.ci95)],
    ['segment c’s error rate 3%', (fit: Calibration) => within(0.03, fit.segments[2]!.ci95)],
    [
      'availability 99% (bursty outages widen the interval)',
      (fit: Calibration) => within(0.99, (fit.availability as AvailabilityFit).ci95),
    ],
  ] as const)('%s is covered at ≥ 3 of 4 seeds', (_name, covers) => {
    expect(fits.filter(covers).length).toBeGreaterThanOrEqual(3);
  });

  it('needs more than the binomial interval for availability: outages come in bursts', () => {
    for (const fit of fits) expect((fit.availability as AvailabilityFit).interval).toContain('batch-means');
  });
});

describe('the goodness-of-fit verdict', () => {
  it('says a latency mixture (10% of requests 6× slower) does not fit a lognormal', async () => {
    const rng = deriveStream(7, 'mixture');
    const rows = ['timestamp,latency_ms,status'];
    for (let i = 0; i < 20_000; i++) {
      const slow = rng.next() < 0.1 ? Math.log(6) : 0;
      rows.push(
        `${new Date(Date.UTC(2025, 9, 31, 12) + i * 360).toISOString()},${sampleLognormal(rng, Math.log(25) + slow, 0.26).toFixed(3)},200`,
      );
    }
    const path = join(tempDir(), 'mixture.csv');
    writeFileSync(path, `${rows.join('\n')}\n`);
    const calibration = await calibrateFile(path);
    expect(calibration.latency!.goodnessOfFit.verdict).toBe('does not fit');
    expect(formatCandidateYaml(calibration)).toMatch(
      /^# Lognormal latency does not fit: Anderson–Darling A² = \d+\.\d{3} on 5,000 log latencies, p = .* < 0\.05\.$/m,
    );
  });
});

describe('from checkpoint observations', () => {
  it('fits what checkpoint rows can say: the error rate with its interval, the recorded p99 and availability', async () => {
    const calibration = await calibrateFile('scenarios/observed/sprint2-canary.csv');
    expect(calibration.source).toBe('observations');
    expect(calibration.errorRate).toMatchObject({ count: 0, total: 380, value: 0 });
    // scipy.stats.binomtest(0, 380).proportion_ci(0.95, method='exact').high == 0.009660611079874168
    expect(calibration.errorRate.ci95[1]).toBeCloseTo(0.009660611079874168, 12);
    expect(calibration.recordedLatency).toEqual({ p99Ms: 46, p50Ms: null, p99RangeMs: [38, 46] });
    expect(calibration.availability).toEqual({ recorded: 0.9997, range: [0.9996, 0.9997] });
    const yaml = formatCandidateYaml(calibration);
    expect(yaml).toContain('errorRate: 0 # 0 errors in 380 requests; 95% CI 0.00%–0.97% (Clopper–Pearson)');
    expect(yaml).toContain(
      "      # p50: not in checkpoint rows (calibrate from a request log, or add p50_latency_ms); keep your scenario's",
    );
    expect(parse(yaml)).toEqual({
      analyzers: { candidate: { errorRate: 0, latencyMs: { p99: 46 }, availability: 0.9997 } },
    });
  });
});

describe('rehearse calibrate', () => {
  const path = join(tempDir(), 'real.csv');
  writeFileSync(
    path,
    'when,service_ms,code\n2025-10-31T12:00:00Z,25,200\n2025-10-31T12:00:01Z,31.5,500\n2025-10-31T12:00:02Z,19,503\n',
  );

  it.each([
    // Baseline: 1 error (500) in 4 served requests; candidate: no error in 2.
    { cohort: 'baseline', analyzer: 'baseline', errors: '1 error in 4 served requests' },
    { cohort: undefined, analyzer: 'candidate', errors: '0 errors in 2 served requests' },
  ])('--cohort $cohort prints the block of analyzers.$analyzer, fitted to that cohort', async (case_) => {
    const log = join(tempDir(), 'cohorts.csv');
    writeFileSync(
      log,
      [
        'cohort,latency_ms,status',
        'baseline,60,200',
        'baseline,62,500',
        'baseline,58,200',
        'baseline,61,200',
        'candidate,25,200',
        'candidate,26,200',
        '',
      ].join('\n'),
    );
    const out = textSink();
    await calibrateCommand(log, case_.cohort === undefined ? {} : { cohort: case_.cohort }, { stdout: out });
    const cohort = case_.cohort ?? 'candidate';
    expect(out.text).toContain(`requests of cohort ${cohort}`);
    expect(out.text).toContain(`# Replace your scenario's analyzers.${case_.analyzer} with this block;`);
    const block = parse(out.text) as { analyzers: Record<string, { errorRate: number }> };
    expect(Object.keys(block.analyzers)).toEqual([case_.analyzer]);
    expect(out.text).toContain(case_.errors);
  });

  it('reads a real log with the columns named by flags', async () => {
    const out = textSink();
    await calibrateCommand(
      path,
      { latencyColumn: 'service_ms', statusColumn: 'code', timestampColumn: 'when', json: true },
      { stdout: out },
    );
    const calibration = JSON.parse(out.text) as Calibration;
    expect(calibration).toMatchObject({
      source: 'request-log',
      rows: 3,
      used: 3,
      cohort: null,
      span: ['2025-10-31T12:00:00.000Z', '2025-10-31T12:00:02.000Z'],
    });
    expect(calibration.errorRate).toMatchObject({ count: 1, total: 2 });
    expect(calibration.latency!.n).toBe(2);
    expect(calibration.latency!.goodnessOfFit.verdict).toBe('too few to test');
  });

  it.each([
    [
      {},
      'real.csv:1 latency_ms: expected a column named latency_ms (name it with --latency-column), found a header of when, service_ms, code',
    ],
    [
      { latencyColumn: 'service_ms', statusColumn: 'code', segmentColumn: 'tier' },
      'real.csv:1 tier: expected a column named tier (name it with --segment-column), found a header of when, service_ms, code',
    ],
    [{ seed: 'x' }, '--seed: expected a non-negative integer (at most 2^53 - 1), found "x"'],
  ])('rejects %j with a clear problem', async (flags, message) => {
    const error = await calibrateCommand('real.csv', flags, {
      stdout: textSink(),
      cwd: join(path, '..'),
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).problems.map(formatProblem)[0]).toBe(message);
  });

  it('names the line and column of a bad cell', async () => {
    const bad = join(tempDir(), 'bad.csv');
    writeFileSync(
      bad,
      'timestamp,latency_ms,status\n2025-10-31T12:00:00Z,fast,200\n2025-10-31T12:00:01Z,30,OK\n',
    );
    const error = (await calibrateFile(bad, { file: 'bad.csv' }).catch(
      (caught: unknown) => caught,
    )) as InputError;
    expect(error.problems.map(formatProblem)).toEqual([
      'bad.csv:2 latency_ms: expected a latency in ms ≥ 0, found "fast"',
      'bad.csv:3 status: expected an HTTP status code like 200, 500 or 503, found "OK"',
    ]);
  });
});
