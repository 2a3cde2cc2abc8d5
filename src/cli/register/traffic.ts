import type { Command } from 'commander';
import type { TrafficFlags } from '../commands/traffic.js';
import { SCENARIO_ARGUMENT, withCommonFlags } from '../commonFlags.js';

/** `rehearse traffic [scenario] --phase NAME [--format csv|ndjson] [--out FILE] [--seed N] [--limit N]`. */
export function registerTraffic(program: Command): void {
  const command = program
    .command('traffic')
    .description('stream the synthetic request log of one phase (CSV or NDJSON, sorted by time)')
    .argument(SCENARIO_ARGUMENT.syntax, SCENARIO_ARGUMENT.help)
    .requiredOption('--phase <name>', 'the phase whose requests to print')
    .option('--format <format>', 'csv or ndjson', 'csv')
    .option('--out <file>', 'write to this file (atomically) instead of stdout')
    .option('--limit <n>', 'stop after this many requests');
  withCommonFlags(command, ['seed', 'quiet'])
    .addHelpText(
      'after',
      '\nWhen stderr is not a terminal, a heartbeat line on stderr every 10 s says how far the log has got (none with --quiet).\n',
    )
    .action(async (scenario: string | undefined, flags: TrafficFlags) => {
      const { trafficCommand } = await import('../commands/traffic.js');
      await trafficCommand(scenario, flags, { stdout: process.stdout, stderr: process.stderr });
    });
}
