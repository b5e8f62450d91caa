import { type Command, InvalidArgumentError, Option } from 'commander';
import { SII_SIMULATIONS } from '../api/options.js';

/** A whole number ≥ 1, for commander. */
export function parseWhole(value: string): number {
  if (!/^\d+$/.test(value.trim()) || Number(value) < 1) {
    throw new InvalidArgumentError(`expected a whole number ≥ 1, got "${value}"`);
  }
  return Number(value);
}

/** A number of SII simulations within {@link SII_SIMULATIONS}, for commander. */
export function parseSimulations(value: string): number {
  const { min, max } = SII_SIMULATIONS;
  if (!/^\d+$/.test(value.trim()) || Number(value) < min || Number(value) > max) {
    throw new InvalidArgumentError(
      `expected a whole number of simulations from ${min.toLocaleString('en-GB')} to ${max.toLocaleString('en-GB')}, got "${value}"`,
    );
  }
  return Number(value);
}

/** The number of worker threads for --jobs: a whole number ≥ 0. */
export function parseJobs(value: string): number {
  if (!/^\d+$/.test(value.trim()) || Number(value) > 64) {
    throw new InvalidArgumentError(`expected a number of threads from 0 to 64, got "${value}"`);
  }
  return Number(value);
}

/** Adds --jobs: how many worker threads read the participant and outcome files. */
export function addReadingOptions(command: Command): Command {
  return command.option(
    '--jobs <n>',
    'worker threads reading participant and outcome files (0: none; default: one per core, up to 4, for inputs of 64 MB or more)',
    parseJobs,
  );
}

/** A UK financial year label `YYYY-YY` whose two years follow each other (2016-17). */
export function parsePeriod(value: string): string {
  const match = /^(\d{4})-(\d{2})$/.exec(value.trim());
  if (!match || (Number(match[1]) + 1) % 100 !== Number(match[2])) {
    throw new InvalidArgumentError(`"${value}" is not a financial year such as 2016-17`);
  }
  return value.trim();
}

/** The options of every command that publishes figures: disclosure control and SII precision. */
export function addPublishingOptions(command: Command): Command {
  return addReadingOptions(command)
    .option('--min-cell <n>', 'suppress counts below n (disclosure control)', parseWhole)
    .option('--round-to <n>', 'round published counts to a multiple of n', parseWhole)
    .addOption(
      new Option('--preset <name>', 'named disclosure rule').choices([
        'standard',
        'nhsd-2018',
        'secure-research',
      ]),
    )
    .option('--no-suppress', 'turn disclosure control off: outputs are NOT FOR PUBLICATION')
    .option('-q, --quiet', 'print nothing but errors')
    .option(
      '--sii-simulations <n>',
      'simulations for SII/RII confidence limits, 1000 to 10000000 (PHE default 100000)',
      parseSimulations,
      SII_SIMULATIONS.default,
    );
}

/** `tides check --format`: the diff table, JSON, or JUnit XML. */
export const CHECK_FORMATS = ['text', 'json', 'junit'] as const;
export type CheckFormat = (typeof CHECK_FORMATS)[number];
