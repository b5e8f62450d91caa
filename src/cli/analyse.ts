import { type Command, InvalidArgumentError } from 'commander';
import { OUTPUT_FORMATS, type OutputFormat } from '../api/options.js';
import { DIMENSIONS, type Dimension, isDimension } from '../metrics/grouping.js';
import type { AnalyseCliOptions } from './analyseRun.js';
import { addPublishingOptions, parsePeriod } from './options.js';

export function registerAnalyse(program: Command): void {
  const command = program
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
    .option('--period <year>', 'restrict to one UK financial year, e.g. 2016-17', parsePeriod);
  addPublishingOptions(command)
    .option('--strict', 'exit 1 when the data has errors (outputs are still written)')
    .option('--format <list>', 'outputs to write: csv,json,md,html,xlsx', parseFormats, [
      ...OUTPUT_FORMATS,
    ])
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
