import type { Command } from 'commander';
import { readScenario } from '../../io/readScenario.js';

/** `rehearse validate <scenario>`: schema and sense checks only; writes nothing. */
export function registerValidate(program: Command): void {
  program
    .command('validate')
    .description('check a scenario file (schema and sense checks); writes nothing')
    .argument('<scenario>', 'scenario file (YAML or JSON)')
    .option('--json', 'print a machine-readable summary on stdout')
    .option('--quiet', 'print nothing when the scenario is valid')
    .action(async (file: string, options: { json?: boolean; quiet?: boolean }) => {
      const plan = await readScenario(file);
      const summary = {
        valid: true,
        file,
        name: plan.name,
        sha256: plan.scenarioSha256,
        phases: plan.phases.map((phase) => phase.name),
        segments: plan.segments.length,
        guards: plan.guards.length,
        faults: plan.faults.length,
      };
      if (options.json) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
      else if (!options.quiet)
        process.stdout.write(
          `ok: ${file}: "${plan.name}", ${plan.phases.length} phases (${summary.phases.join(' → ')}), ` +
            `${plan.segments.length} segments, ${plan.guards.length} guards, ${plan.faults.length} faults\n`,
        );
    });
}
