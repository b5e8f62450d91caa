import type { Command } from 'commander';
import type { AuditCliOptions } from './auditRun.js';
import { parseWhole } from './options.js';

/** `tides audit DIR...`: can a hidden count be worked out from everything published? */
export function registerAudit(program: Command): void {
  program
    .command('audit')
    .description(
      'check that no suppressed count can be worked out from the published outputs of one or more runs',
    )
    .argument('<dirs...>', 'output folders of tides analyse or tides summary, audited together')
    .option('--json', 'print the result as JSON')
    .option('--min-cell <n>', 'the threshold, when the folders do not record it', parseWhole)
    .option('--round-to <n>', 'the rounding base, when the folders do not record it', parseWhole)
    .addHelpText(
      'after',
      '\nReads only what was published (CSV, metrics.json, summary JSON, manifest.json), rebuilds the\n' +
        'relations between published counts (totals and margins, identities within rows and across\n' +
        'tables and periods, rounding bounds, counts implied by ratios) and, for each hidden count,\n' +
        'finds by linear programming (HiGHS) the range it can be pinned to. A hidden count is\n' +
        'protected when that range reaches 0 or min_cell.\n' +
        '\nExit codes: 0 every hidden count protected, 1 a count can be worked out (each is listed),\n' +
        '2 unusable input (no outputs, figures that contradict each other, unknown rule).\n' +
        'Example: tides audit report/ summaries/',
    )
    .action(async (dirs: string[], options: AuditCliOptions) => {
      const { runAudit } = await import('./auditRun.js');
      process.exitCode = await runAudit(dirs, options);
    });
}
