import type { Command } from 'commander';
import { addPublishingOptions, parsePeriod } from './options.js';
import type { SummaryCliOptions } from './summaryRun.js';

export function registerSummary(program: Command): void {
  const command = program
    .command('summary')
    .description("write a commissioner's summary of one financial year, with the trend so far")
    .argument('<dir>', 'folder of partner CSV files')
    .option(
      '--year <year>',
      'UK financial year, e.g. 2016-17 (without it: list the years)',
      parsePeriod,
    )
    .option('-o, --out <dir>', 'output folder', 'tides-report');
  addPublishingOptions(command)
    .addHelpText(
      'after',
      "\nWrites summary-YEAR.md and summary-YEAR.html: the year's reach, wellbeing change,\n" +
        'deprivation gap, cost and social value, and the trend over the years up to it.\n' +
        'Example: tides summary data/ --year 2016-17 --out summaries/',
    )
    .action(async (dir: string, options: SummaryCliOptions) => {
      const { runSummary } = await import('./summaryRun.js');
      process.exitCode = await runSummary(dir, options);
    });
}
