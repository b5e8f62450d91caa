import { type Command, InvalidArgumentError, Option } from 'commander';
import { DIMENSIONS, type Dimension, isDimension } from '../metrics/grouping.js';

export const OUTPUT_FORMATS = ['csv', 'json', 'md', 'html'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export interface AnalyseCliOptions {
  readonly out: string;
  readonly by: readonly Dimension[];
  readonly period?: string;
  readonly minCell?: number;
  readonly roundTo?: number;
  readonly preset?: string;
  readonly suppress: boolean;
  readonly strict?: boolean;
  readonly format: readonly OutputFormat[];
  readonly quiet?: boolean;
  readonly siiSimulations: number;
}

export function registerAnalyse(program: Command): void {
  program
    .command('analyse')
    .alias('analyze')
    .description(
      'validate, then compute reach, wellbeing change and inequality tables and a report',
    )
    .argument('<dir>', 'folder of partner CSV files')
    .option('-o, --out <dir>', 'output folder', 'tides-report')
    .option('--by <dims>', `group by one or more of: ${DIMENSIONS.join(', ')}`, parseDimensions, [
      'partner_id',
    ] as Dimension[])
    .option('--period <year>', 'restrict to one UK financial year, e.g. 2016-17', parsePeriod)
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
    .option('--strict', 'exit 1 when the data has errors (outputs are still written)')
    .option('--format <list>', 'outputs to write: csv,json,md,html', parseFormats, [
      ...OUTPUT_FORMATS,
    ])
    .option('-q, --quiet', 'print nothing but errors')
    .option(
      '--sii-simulations <n>',
      'simulations for SII/RII confidence limits (PHE default 100000)',
      parseWhole,
      100_000,
    )
    .addHelpText(
      'after',
      '\nExit codes: 0 outputs written, 1 data errors under --strict, 2 unusable input or options.\n' +
        'Example: tides analyse data/ --by partner_id,imd_quintile --out report/',
    )
    .action(async (dir: string, options: AnalyseCliOptions) => {
      const { runAnalyse } = await import('./analyseRun.js');
      process.exitCode = await runAnalyse(dir, options);
    });
}

function parseDimensions(value: string): Dimension[] {
  const dims = value
    .split(',')
    .map((d) => d.trim())
    .filter((d) => d !== '');
  for (const d of dims) {
    if (!isDimension(d)) {
      throw new InvalidArgumentError(`"${d}" is not a dimension; use ${DIMENSIONS.join(', ')}`);
    }
  }
  if (new Set(dims).size !== dims.length) throw new InvalidArgumentError('a dimension is repeated');
  if (dims.length > 3) throw new InvalidArgumentError('group by at most 3 dimensions');
  return dims as Dimension[];
}

/** A UK financial year label `YYYY-YY` whose two years follow each other (2016-17). */
export function parsePeriod(value: string): string {
  const match = /^(\d{4})-(\d{2})$/.exec(value.trim());
  if (!match || (Number(match[1]) + 1) % 100 !== Number(match[2])) {
    throw new InvalidArgumentError(`"${value}" is not a financial year such as 2016-17`);
  }
  return value.trim();
}

function parseWhole(value: string): number {
  if (!/^\d+$/.test(value.trim()) || Number(value) < 1) {
    throw new InvalidArgumentError(`expected a whole number ≥ 1, got "${value}"`);
  }
  return Number(value);
}

function parseFormats(value: string): OutputFormat[] {
  const formats = value.split(',').map((f) => f.trim().toLowerCase());
  for (const f of formats) {
    if (!(OUTPUT_FORMATS as readonly string[]).includes(f)) {
      throw new InvalidArgumentError(
        `"${f}" is not an output format; use ${OUTPUT_FORMATS.join(', ')}`,
      );
    }
  }
  return formats as OutputFormat[];
}
