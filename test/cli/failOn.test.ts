import { describe, expect, it } from 'vitest';
import {
  decidedValue,
  type FailOnTerm,
  outcomeFailures,
  parseFailOn,
  parseFailOnTerm,
  REPLAY_FAIL_ON,
  RISK_FAIL_ON,
  RUN_FAIL_ON,
  riskFailures,
  thresholdFailure,
  WHATIF_FAIL_ON,
  whatifFailures,
} from '../../src/cli/failOn/index.js';
import type { Results } from '../../src/report/index.js';
import type { Risk } from '../../src/risk/index.js';
import { formatProblem, type Problem } from '../../src/scenario/problems.js';
import { probability } from '../../src/stats/index.js';
import type { WhatifFault, WhatifResults } from '../../src/whatif/whatifResults.js';

function parsed(text: string, grammar = RISK_FAIL_ON): { term: FailOnTerm | null; problems: string[] } {
  const problems: Problem[] = [];
  const term = parseFailOnTerm(text, grammar, problems);
  return { term, problems: problems.map(formatProblem) };
}

type Threshold = Extract<FailOnTerm, { kind: 'threshold' }>;

function threshold(text: string, grammar = RISK_FAIL_ON): Threshold {
  const { term } = parsed(text, grammar);
  if (term?.kind !== 'threshold') throw new Error(`${text} is not a threshold`);
  return term;
}

describe('parsing --fail-on', () => {
  it.each([
    ['false-rollback>5%', { name: 'false-rollback', comparison: '>', limit: 0.05, bound: 'estimate' }],
    ['complete<90%', { name: 'complete', comparison: '<', limit: 0.9, bound: 'estimate' }],
    ['complete <= 0.9', { name: 'complete', comparison: '<=', limit: 0.9, bound: 'estimate' }],
    ['halt>=.5%', { name: 'halt', comparison: '>=', limit: 0.005, bound: 'estimate' }],
    ['false-rollback>5%@ci', { name: 'false-rollback', comparison: '>', limit: 0.05, bound: 'ci' }],
    [' true-rollback > 0% @ci ', { name: 'true-rollback', comparison: '>', limit: 0, bound: 'ci' }],
    ['rollback>100%', { name: 'rollback', comparison: '>', limit: 1, bound: 'estimate' }],
  ])('risk %j is a threshold', (text, expected) => {
    const { term, problems } = parsed(text);
    expect(problems).toEqual([]);
    expect(term).toMatchObject({ kind: 'threshold', ...expected });
  });

  const riskExpected =
    '--fail-on: expected a threshold NAME<N% or NAME>N% (or <=, >=; @ci to decide on the 95% interval) on complete, rollback, false-rollback, true-rollback, halt, such as "false-rollback>5%"';
  it.each([
    ['fals-rollback>5%', `${riskExpected}, found "fals-rollback>5%" (did you mean false-rollback?)`],
    ['complete', `${riskExpected}, found "complete" (a name without a threshold, such as complete<90%)`],
    ['complete=90%', `${riskExpected}, found "complete=90%"`],
    ['complete<90%@p', `${riskExpected}, found "complete<90%@p"`],
    ['complete<-5%', `${riskExpected}, found "complete<-5%"`],
    [
      'complete<150%',
      '--fail-on: expected a threshold between 0% and 100% (a share such as 0.05, or a percentage such as 5%), found "complete<150%"',
    ],
    [
      'complete<5',
      '--fail-on: expected a threshold between 0% and 100% (a share such as 0.05, or a percentage such as 5%), found "complete<5"',
    ],
  ])('risk %j is one problem', (text, message) => {
    const { term, problems } = parsed(text);
    expect(term).toBeNull();
    expect(problems).toEqual([message]);
  });

  it.each([
    [RUN_FAIL_ON, 'never', '--fail-on: expected one of rollback, halt, any, found "never"'],
    [
      RUN_FAIL_ON,
      'rolback',
      '--fail-on: expected one of rollback, halt, any, found "rolback" (did you mean rollback?)',
    ],
    [RUN_FAIL_ON, 'complete<90%', '--fail-on: expected one of rollback, halt, any, found "complete<90%"'],
    [
      REPLAY_FAIL_ON,
      'small-samples',
      '--fail-on: expected one of rollback, halt, partial, any, small-sample, found "small-samples" (did you mean small-sample?)',
    ],
    [
      WHATIF_FAIL_ON,
      'detect<95%',
      `--fail-on: expected one of undetected, claim, or a threshold NAME<N% or NAME>N% (or <=, >=; @ci to decide on the 95% interval) on detected, undetected, claim, such as "detected<95%", found "detect<95%" (did you mean detected?)`,
    ],
  ])('words: %j %j is one problem', (grammar, text, message) => {
    expect(parsed(text, grammar).problems).toEqual([message]);
  });

  it('takes one value or a repeated flag, and reports every bad value', () => {
    const problems: Problem[] = [];
    expect(parseFailOn('rollback', RUN_FAIL_ON, problems)).toHaveLength(1);
    const terms = parseFailOn(['complete<90%', 'x', 'halt>1%', 'y'], RISK_FAIL_ON, problems);
    expect(terms.map((term) => term.text)).toEqual(['complete<90%', 'halt>1%']);
    expect(problems).toHaveLength(2);
    expect(parseFailOn(undefined, RUN_FAIL_ON, problems)).toEqual([]);
  });
});

describe('deciding a threshold', () => {
  // 30 false rollbacks in 1,000 runs: 3.00%, Wilson 95% interval [2.11%, 4.25%]
  // (scipy.stats.binomtest(30, 1000).proportion_ci(method='wilson') = (0.0210937388, 0.0425034141)).
  const threePercent = probability(30, 1000);
  it('matches the Wilson interval computed elsewhere', () => {
    expect(threePercent.ci95[0]).toBeCloseTo(0.0210937388, 9);
    expect(threePercent.ci95[1]).toBeCloseTo(0.0425034141, 9);
  });

  const judged = { subject: null, runsLabel: 'runs', none: 'no runs' };
  it.each([
    ['false-rollback>5%', null],
    ['false-rollback>2.5%', 'false-rollback>2.5%: 3.00% > 2.50% (95% CI 2.11%–4.25%, 1,000 runs)'],
    [
      'false-rollback>4%@ci',
      "false-rollback>4%@ci: the 95% interval's upper end 4.25% > 4.00% (estimate 3.00%, 95% CI 2.11%–4.25%, 1,000 runs)",
    ],
    ['false-rollback>4.5%@ci', null],
    ['false-rollback>=3%', 'false-rollback>=3%: 3.00% >= 3.00% (95% CI 2.11%–4.25%, 1,000 runs)'],
    ['false-rollback<3%', null],
    ['false-rollback<=3%', 'false-rollback<=3%: 3.00% <= 3.00% (95% CI 2.11%–4.25%, 1,000 runs)'],
    [
      'false-rollback<2.5%@ci',
      "false-rollback<2.5%@ci: the 95% interval's lower end 2.11% < 2.50% (estimate 3.00%, 95% CI 2.11%–4.25%, 1,000 runs)",
    ],
    ['false-rollback<2%@ci', null],
  ])('%s on 30 of 1,000 → %j', (text, reason) => {
    expect(thresholdFailure(threshold(text), threePercent, judged)).toBe(reason);
  });

  it('decides @ci on the failing side of the interval', () => {
    expect(decidedValue(threshold('halt>1%@ci'), threePercent)).toBe(threePercent.ci95[1]);
    expect(decidedValue(threshold('halt<1%@ci'), threePercent)).toBe(threePercent.ci95[0]);
    expect(decidedValue(threshold('halt<1%'), threePercent)).toBe(0.03);
  });

  it('no runs cannot show anything: the threshold fails and says why', () => {
    const none = { p: null, ci95: [0, 1] as [number, number], runs: 0 };
    expect(
      thresholdFailure(threshold('detected<95%', WHATIF_FAIL_ON), none, {
        subject: 'Slow',
        runsLabel: 'runs in which it began',
        none: 'it began in none of 20 runs',
      }),
    ).toBe('detected<95%: Slow: it began in none of 20 runs, so it cannot be judged');
  });
});

describe('what each command fails on', () => {
  const terms = (texts: string[], grammar: typeof RISK_FAIL_ON) => parseFailOn(texts, grammar, []);

  it('risk: each threshold on its own probability', () => {
    const risk = {
      pComplete: probability(850, 1000),
      pRollback: probability(150, 1000),
      pHalt: probability(0, 1000),
      rollbacks: { pTrue: probability(100, 1000), pFalse: probability(50, 1000) },
    } as Risk;
    const failures = riskFailures(
      terms(
        ['complete<90%', 'rollback>20%', 'false-rollback>4%', 'true-rollback>5%@ci', 'halt>0%'],
        RISK_FAIL_ON,
      ),
      risk,
    );
    expect(failures.map((failure) => failure.split(':')[0])).toEqual([
      'complete<90%',
      'false-rollback>4%',
      'true-rollback>5%@ci',
    ]);
    // scipy.stats.binomtest(850, 1000).proportion_ci(method='wilson') = (0.82653, 0.87079)
    expect(failures[0]).toBe('complete<90%: 85.00% < 90.00% (95% CI 82.65%–87.08%, 1,000 runs)');
  });

  it('whatif: every fault against each condition, among the runs in which it began', () => {
    const fault = (name: string, detected: number, began: number, holds: number | null): WhatifFault =>
      ({
        name,
        pDetected: { ...probability(detected, began), p: began === 0 ? null : detected / began },
        pUndetected: {
          ...probability(began - detected, began),
          p: began === 0 ? null : (began - detected) / began,
        },
        claim: holds === null ? null : { pHolds: probability(holds, began) },
      }) as WhatifFault;
    const results = {
      runs: 100,
      faults: [fault('Caught', 40, 40, 40), fault('Leaky', 36, 40, null), fault('Unreached', 0, 0, null)],
    } as WhatifResults;
    const reasons = (texts: string[]) => whatifFailures(terms(texts, WHATIF_FAIL_ON), results);
    // scipy.stats.binomtest(4, 40).proportion_ci(method='wilson') = (0.03958, 0.23052)
    expect(reasons(['undetected'])).toEqual([
      'undetected: Leaky: 10.00% > 0.00% (95% CI 3.96%–23.05%, 40 runs in which it began)',
      'undetected: Unreached: it began in none of 100 runs, so it cannot be judged',
    ]);
    expect(reasons(['detected<95%']).map((reason) => reason.split(':')[1]!.trim())).toEqual([
      'Leaky',
      'Unreached',
    ]);
    expect(reasons(['detected<80%@ci'])).toHaveLength(2);
    expect(reasons(['detected<75%@ci'])).toEqual([
      'detected<75%@ci: Unreached: it began in none of 100 runs, so it cannot be judged',
    ]);
    expect(reasons(['claim'])).toEqual([]);
  });

  it('run and replay: outcome words, and the small-sample passes of a replay', () => {
    const results = (status: Results['outcome']['status'], smallSamples: number) =>
      ({
        outcome: { status, phase: 'canary', offsetMs: 7_200_000, reason: 'why', cause: null },
        monitoring: { guardWindowMs: 30_000 },
        phases: [],
        replay:
          smallSamples === 0
            ? undefined
            : {
                warnings: [
                  { kind: 'small-sample-pass', line: null, phase: 'canary', message: 'canary, 15m: …' },
                ],
                warningCounts: { 'small-sample-pass': smallSamples },
              },
      }) as unknown as Results;
    const matched = (texts: string[], result: Results) =>
      outcomeFailures(terms(texts, REPLAY_FAIL_ON), result).map((failure) => failure.split(':')[0]);
    const all = ['rollback', 'halt', 'partial', 'any', 'small-sample'];
    expect(matched(all, results('completed', 0))).toEqual([]);
    expect(matched(all, results('rolled-back', 0))).toEqual(['rollback', 'any']);
    expect(matched(all, results('halted', 0))).toEqual(['halt', 'any']);
    expect(matched(all, results('partial', 4))).toEqual(['partial', 'any', 'small-sample']);
    expect(
      outcomeFailures(terms(['partial', 'small-sample'], REPLAY_FAIL_ON), results('partial', 4)),
    ).toEqual([
      'partial: partial in canary at 2h: why',
      'small-sample: 4 error-rate gates passed only because the sample was small; first: canary, 15m: …',
    ]);
  });
});
