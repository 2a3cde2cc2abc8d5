import type { Command } from 'commander';
import type { MergeFlags } from '../commands/merge.js';
import { withCommonFlags } from '../commonFlags.js';

/** `rehearse merge <partials...> --out DIR`: combine `rehearse risk --shard` partials into one study. */
export function registerMerge(program: Command): void {
  const command = program
    .command('merge')
    .description(
      'merge the partial files of `rehearse risk --shard i/n` into risk.json, risk.md and risk.html',
    )
    .argument('<partials...>', 'partial files (risk-partial-<i>-of-<n>.json), one per shard, in any order');
  withCommonFlags(command, ['out', 'json', 'quiet']).action(async (partials: string[], flags: MergeFlags) => {
    const { mergeCommand } = await import('../commands/merge.js');
    const code = await mergeCommand(partials, flags, { stdout: process.stdout });
    if (code !== 0) process.exitCode = code;
  });
}
