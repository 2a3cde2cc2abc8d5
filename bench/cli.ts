/**
 * The CLI section of `npm run bench`: how long a user waits for `rehearse` to answer, as ratios to a
 * bare `node -e 0` measured in the same rounds. Each command runs as its own process (start-up,
 * module loading, cold code and all); the commands take turns round after round, so load from
 * elsewhere on the machine hits them alike, and each figure is the median of its rounds.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageInfo } from '../src/io/packageRoot.js';
import { fixed, line, median } from './measure.js';

/** Timed rounds, after one untimed round that fills the file cache. */
const ROUNDS = 15;

interface CliCase {
  label: string;
  args: readonly string[];
  /** The ratio to `node -e 0` the command should stay within. */
  targetRatio: number | null;
}

/** Milliseconds one process takes from spawn to exit; throws when it fails. */
function processMs(args: readonly string[], cwd: string): number {
  const start = performance.now();
  const child = spawnSync(process.execPath, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
  const elapsedMs = performance.now() - start;
  if (child.status !== 0) throw new Error(`node ${args.join(' ')} failed: ${child.stderr.toString()}`);
  return elapsedMs;
}

/** Prints the CLI section of the benchmark. */
export function benchCli(): void {
  const root = packageInfo().root;
  const bin = join(root, 'bin', 'rehearse.js');
  const out = mkdtempSync(join(tmpdir(), 'rehearse-bench-cli-'));
  const cases: CliCase[] = [
    { label: 'node -e 0', args: ['-e', '0'], targetRatio: null },
    { label: 'rehearse --help', args: [bin, '--help'], targetRatio: 2 },
    {
      label: 'rehearse validate scenarios/sprint2-rollout.yaml',
      args: [bin, 'validate', 'scenarios/sprint2-rollout.yaml'],
      targetRatio: 2.5,
    },
    {
      label: 'rehearse run --quiet --out <tmp>',
      args: [bin, 'run', '--quiet', '--out', out],
      targetRatio: 5,
    },
  ];
  try {
    for (const each of cases) processMs(each.args, root);
    const timesMs = cases.map((): number[] => []);
    for (let round = 0; round < ROUNDS; round++) {
      cases.forEach((each, c) => {
        timesMs[c]!.push(processMs(each.args, root));
      });
    }
    const mediansMs = timesMs.map(median);
    const baselineMs = mediansMs[0]!;
    line('');
    line(
      `CLI latency, each command its own process, medians of ${ROUNDS} alternating rounds, as ratios to node -e 0:`,
    );
    const width = Math.max(...cases.map((each) => each.label.length));
    cases.forEach((each, c) => {
      const ratio = mediansMs[c]! / baselineMs;
      const target = each.targetRatio === null ? '' : ` (target ≤ ${fixed(each.targetRatio, 1)}×)`;
      line(
        `  ${each.label.padEnd(width)}  ${fixed(mediansMs[c]!, 0).padStart(4)} ms  ${fixed(ratio)}×${target}`,
      );
    });
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
