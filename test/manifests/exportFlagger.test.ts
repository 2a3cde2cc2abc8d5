import { describe, expect, it } from 'vitest';
import { evaluateGateValue } from '../../src/gates/evaluateGate.js';
import { checkMetric } from '../../src/gates/flagger/checkMetric.js';
import { exportFlagger } from '../../src/manifests/exportFlagger.js';
import { importManifests } from '../../src/manifests/importManifests.js';
import { keptController } from '../../src/manifests/keptController.js';
import { manifestText } from '../../src/manifests/manifestText.js';
import { parseScenario } from '../../src/scenario/parseScenario.js';

/** A scenario with three phases of one hour each and the same gates, which Flagger can express whole. */
const EVEN = `name: Even steps
population: { learners: 100000, requestsPerLearnerHour: 2 }
analyzers:
  baseline: { errorRate: 0.001, latencyMs: { p50: 50, p99: 200 }, availability: 0.9995 }
  candidate: { errorRate: 0.001, latencyMs: { p50: 50, p99: 200 }, availability: 0.9995 }
phases:
  - { name: canary, traffic: 0.05, duration: 1h, gates: { errorRate: { below: 0.01 }, p99LatencyMs: { below: 300 }, p95LatencyMs: { max: 150 } } }
  - { name: half, traffic: 0.5, duration: 1h, gates: { errorRate: { below: 0.01 }, p99LatencyMs: { below: 300 }, p95LatencyMs: { max: 150 } } }
  - { name: all, traffic: 1, duration: 1h, advance: manual, gates: { errorRate: { below: 0.01 }, p99LatencyMs: { below: 300 }, p95LatencyMs: { max: 150 } } }
`;

function exported(text: string) {
  const parsed = parseScenario(text, 'even.yaml');
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return exportFlagger(parsed.scenario);
}

describe('exportFlagger', () => {
  it('phases of one duration become stepWeights every interval, gates the builtin checks and a template', () => {
    const { documents, warnings } = exported(EVEN);
    expect(warnings).toEqual([]);
    const canary = documents.at(-1) as { kind: string; spec: { analysis: Record<string, unknown> } };
    expect(canary.kind).toBe('Canary');
    expect(canary.spec.analysis).toMatchObject({
      interval: '1h',
      threshold: 1,
      stepWeights: [5, 50, 100],
      metrics: [
        { name: 'request-success-rate', interval: '1h', thresholdRange: { min: 99 } },
        { name: 'request-duration', interval: '1h', thresholdRange: { max: 300 } },
        {
          name: 'p95LatencyMs',
          templateRef: { name: 'even-steps-p95latencyms' },
          interval: '1h',
          thresholdRange: { max: 0.15 },
        },
      ],
      webhooks: [{ name: 'approve-promotion', type: 'confirm-promotion' }],
    });
  });

  it.each([0.0099, 0.01, 0.0101, 0])(
    'errorRate below 1%% as a success rate of at least 99%%: %d',
    (errorRate) => {
      // Flagger's bound is inclusive where the gate's `below` is strict: they differ only at the threshold.
      const flagger = checkMetric(
        { name: 'request-success-rate', thresholdRange: { min: 99 } },
        100 * (1 - errorRate),
      );
      const native = evaluateGateValue(
        { metric: 'errorRate', op: 'below', threshold: 0.01 },
        errorRate,
        100,
        { phase: 'p', label: 'c' },
      );
      if (errorRate === 0.01) expect([flagger.passed, native.verdict]).toEqual([true, 'fail']);
      else expect(flagger.passed).toBe(native.verdict === 'pass');
    },
  );

  it('the manifests import again, the template query read as p95 latency over the interval', () => {
    const text = manifestText(exported(EVEN).documents, ['exported']);
    const imported = importManifests([{ file: 'canary.yaml', text }], 'flagger', keptController(undefined));
    if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
    expect(
      imported.manifests.metrics.map((m) => [
        m.name,
        m.source,
        m.mapping?.metric ?? null,
        m.mapping?.window ?? null,
      ]),
    ).toEqual([
      ['request-success-rate', 'builtin', null, null],
      ['request-duration', 'builtin', null, null],
      ['p95LatencyMs', 'query', 'p95LatencyMs', '1h'],
    ]);
  });

  it('says what Flagger cannot express: other durations, earlier checkpoints, guards, other metrics', () => {
    const text = EVEN.replace(
      'name: half, traffic: 0.5, duration: 1h',
      'name: half, traffic: 0.5, duration: 2h, checkpoints: [1h, 2h]',
    )
      .replace(
        'p95LatencyMs: { max: 150 } } }\n  - { name: all',
        'p95LatencyMs: { max: 150 }, availability: { min: 0.999 } } }\n  - { name: all',
      )
      .concat('guards: { rollbackWhen: { errorRate: { above: 0.05 } } }\n');
    expect(exported(text).warnings.map((w) => `${w.path.join('.')}: ${w.found}`)).toEqual([
      'phases.1.duration: 2h: held 1h',
      'phases.1.checkpoints: 1h, 2h: checked at 1h only',
      'phases.1.gates.availability: availability: not exported',
      'guards.rollbackWhen.errorRate: a guard on errorRate: not exported',
    ]);
  });
});
