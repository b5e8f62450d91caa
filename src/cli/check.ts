import { type Command, InvalidArgumentError, Option } from 'commander';
import type { CheckCliOptions } from './checkRun.js';
import { CHECK_FORMATS } from './options.js';

/** `tides check CURRENT --baseline BASELINE`: fails CI when a change moves a published figure. */
export function registerCheck(program: Command): void {
  program
    .command('check')
    .description(
      'compare metrics.json with a baseline, metric by metric, within tolerances (for CI)',
    )
    .argument('<current>', 'metrics.json of this run (tides analyse --out X writes X/metrics.json)')
    .requiredOption('-b, --baseline <file>', 'the baseline metrics.json to compare against')
    .option('--tolerance <abs>', 'default absolute tolerance (default 1e-9)', parseAmount)
    .option(
      '--relative <rel>',
      'default relative tolerance, a fraction of the baseline value (default 0)',
      parseAmount,
    )
    .option(
      '--tolerances <file.json>',
      'per-table and per-metric tolerances: {"default": {"abs": 1e-9, "rel": 0}, "tables": {"inequality": {"abs": 0.05}}, "metrics": {"wellbeing_change.p_value": {"rel": 0.01}}}',
    )
    .option('--allow-new', 'let rows, columns and tables that are only in the current file pass')
    .addOption(
      new Option('--format <format>', 'report format').choices(CHECK_FORMATS).default('text'),
    )
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .option('--update', 'replace the baseline with the current file, deliberately, and exit 0')
    .addHelpText(
      'after',
      '\nA metric passes when |current − baseline| ≤ max(abs, rel × |baseline|); a metric tolerance\n' +
        'beats its table’s, which beats the default (flags set the default). A value that becomes\n' +
        'null (suppressed or not available) or reappears, changed text, and missing or new rows fail.\n' +
        '\nExit codes: 0 within tolerance, 1 a regression, 2 unusable input or options.\n' +
        'Example: tides analyse data/ --out report/ && tides check report/metrics.json --baseline baseline/metrics.json --format junit --output check.xml',
    )
    .action(async (current: string, options: CheckCliOptions) => {
      const { runCheck } = await import('./checkRun.js');
      process.exitCode = await runCheck(current, options);
    });
}

/** A tolerance: a finite number ≥ 0, such as `1e-9` or `0.05`. */
function parseAmount(value: string): number {
  const amount = Number(value);
  if (value.trim() === '' || !Number.isFinite(amount) || amount < 0) {
    throw new InvalidArgumentError(`expected a number ≥ 0 such as 1e-9 or 0.05, got "${value}"`);
  }
  return amount;
}
