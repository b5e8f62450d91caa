import type { Command } from 'commander';
import { addReadingOptions, parseWhole } from './options.js';
import type { ValidateCliOptions } from './validateRun.js';

export function registerValidate(program: Command): void {
  const command = program
    .command('validate')
    .description('check every partner file against the data contract, line by line')
    .argument('<dir>', 'folder of partner CSV files')
    .option('--json', 'print the full result as JSON')
    .option('--issues-out <file.csv>', 'write every issue to a CSV file, one row each')
    .option('--top <n>', 'how many issues to list in the summary', parseWhole, 20)
    .option(
      '--partners <file>',
      "the programme's partners.csv, to check a delivery that comes without one (a partner's own folder)",
    );
  addReadingOptions(command)
    .addHelpText(
      'after',
      '\nExit codes: 0 no errors (warnings allowed), 1 errors found, 2 unusable input.\n' +
        'Example: tides validate data/ --issues-out issues.csv\n' +
        'A partial delivery (participant files alone, or outcome files alone) is checked as it is.',
    )
    .action(async (dir: string, options: ValidateCliOptions) => {
      const { runValidate } = await import('./validateRun.js');
      process.exitCode = await runValidate(dir, options);
    });
}
