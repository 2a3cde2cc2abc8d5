import type { Command } from 'commander';
import type { ImportFlags } from '../commands/import.js';
import { withCommonFlags } from '../commonFlags.js';

/** `rehearse import argo|flagger <files...>`: a scenario that rehearses a controller's own manifests. */
export function registerImport(program: Command): void {
  const command = program
    .command('import')
    .description(
      "write a scenario that rehearses Argo Rollouts or Flagger manifests (they stay the plan's source of truth)",
    )
    .argument('<controller>', 'argo (Rollout + AnalysisTemplates) or flagger (Canary + MetricTemplates)')
    .argument('<files...>', 'manifest files, multi-document YAML')
    .option(
      '--out <file>',
      'the scenario file to write (default <folder of the first file>/<name>.scenario.yaml)',
    )
    .option('--force', 'replace the scenario file if it exists')
    .option(
      '--model-from <scenario>',
      'copy name, seed, population, analyzers, business, monitoring and faults from this scenario instead of the defaults',
    );
  withCommonFlags(command, ['json', 'quiet']).action(
    async (controller: string, files: string[], flags: ImportFlags) => {
      const { importCommand } = await import('../commands/import.js');
      await importCommand(controller, files, flags, { stdout: process.stdout, stderr: process.stderr });
    },
  );
}
