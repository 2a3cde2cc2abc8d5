import type { Command } from 'commander';
import type { MergeFlags } from '../commands/merge.js';
import { withCommonFlags } from '../commonFlags.js';
import { EXIT_FAIL_ON, FAIL_ON_THRESHOLD_HELP } from '../failOn/failOnTerm.js';
import { collect } from '../flags.js';

/** `rehearse merge <partials...> --out DIR`: combine `rehearse risk --shard` partials into one study. */
export function registerMerge(program: Command): void {
  const command = program
    .command('merge')
    .description(
      'merge the partial files of `rehearse risk --shard i/n` into risk.json, risk.md and risk.html',
    )
    .argument('<partials...>', 'partial files (risk-partial-<i>-of-<n>.json), one per shard, in any order');
  withCommonFlags(command, ['out', 'json', 'quiet'])
    .option(
      '--fail-on <threshold>',
      `exit with code ${EXIT_FAIL_ON} when a probability of the merged study crosses a threshold, as for rehearse risk; repeatable`,
      collect,
    )
    .addHelpText('after', FAIL_ON_THRESHOLD_HELP)
    .action(async (partials: string[], flags: MergeFlags) => {
      const { mergeCommand } = await import('../commands/merge.js');
      const code = await mergeCommand(partials, flags, { stdout: process.stdout, stderr: process.stderr });
      if (code !== 0) process.exitCode = code;
    });
}
