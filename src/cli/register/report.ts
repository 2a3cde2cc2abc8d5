import type { Command } from 'commander';
import type { ReportFlags } from '../commands/report.js';
import { withCommonFlags } from '../commonFlags.js';

/** `rehearse report <file>`: renders results.json, risk.json or whatif.json again, from the results alone. */
export function registerReport(program: Command): void {
  const command = program
    .command('report')
    .description(
      'render results.json, risk.json or whatif.json again as Markdown and HTML, from the results alone',
    )
    .argument('<results>', 'results.json, risk.json or whatif.json')
    .option(
      '--template <dir>',
      "folder with your own templates and partials/ (default: the package's templates/)",
    )
    .option('--format <list>', 'formats to write: md, html, or md,html', 'md,html');
  withCommonFlags(command, ['out', 'json', 'quiet'], "the results file's folder").action(
    async (file: string, flags: ReportFlags) => {
      const { reportCommand } = await import('../commands/report.js');
      await reportCommand(file, flags, { stdout: process.stdout });
    },
  );
}
