import type { Command } from 'commander';
import type { TrafficFlags } from '../commands/traffic.js';
import { DEFAULT_SCENARIO } from '../flags.js';

/** `rehearse traffic [scenario] --phase NAME [--format csv|ndjson] [--out FILE] [--seed N] [--limit N]`. */
export function registerTraffic(program: Command): void {
  program
    .command('traffic')
    .description('stream the synthetic request log of one phase (CSV or NDJSON, sorted by time)')
    .argument('[scenario]', `scenario file (YAML or JSON), default ${DEFAULT_SCENARIO}`)
    .requiredOption('--phase <name>', 'the phase whose requests to print')
    .option('--format <format>', 'csv or ndjson', 'csv')
    .option('--out <file>', 'write to this file (atomically) instead of stdout')
    .option('--seed <n>', "seed of the random streams (default: the scenario's)")
    .option('--limit <n>', 'stop after this many requests')
    .option('--quiet', 'no progress on stderr (heartbeat lines every 10 s when stderr is not a terminal)')
    .action(async (scenario: string | undefined, flags: TrafficFlags) => {
      const { trafficCommand } = await import('../commands/traffic.js');
      await trafficCommand(scenario, flags, { stdout: process.stdout, stderr: process.stderr });
    });
}
