import type { Command } from 'commander';
import type { ExportFlags } from '../commands/export.js';
import { withCommonFlags } from '../commonFlags.js';

/** `rehearse export argo|flagger <scenario>`: the scenario's plan as the controller's manifests. */
export function registerExport(program: Command): void {
  const command = program
    .command('export')
    .description(
      "write a scenario's plan as Argo Rollouts or Flagger manifests, with a warning for what they cannot express",
    )
    .argument('<controller>', 'argo (Rollout + AnalysisTemplates) or flagger (Canary + MetricTemplates)')
    .argument('<scenario>', 'scenario file: a native plan (phases, gates, guards) or a controller scenario');
  withCommonFlags(command, ['out', 'json', 'quiet'], 'reports/<scenario file name>/<controller>/').action(
    async (controller: string, scenario: string, flags: ExportFlags) => {
      const { exportCommand } = await import('../commands/export.js');
      await exportCommand(controller, scenario, flags, { stdout: process.stdout, stderr: process.stderr });
    },
  );
}
