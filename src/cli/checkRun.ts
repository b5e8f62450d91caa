import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { check, loadTolerances, metricsPath, readText } from '../api/check.js';
import {
  analysisDifferences,
  type CheckLabels,
  type CheckResult,
  checkResultJson,
  compareMetrics,
  describeDifferences,
  formatCheckText,
  type MetricsFile,
  PLAIN,
  parseMetricsFile,
  renderJunit,
  summaryLine,
  summaryText,
  type Tolerances,
} from '../check/index.js';
import { EXIT, type ExitCode, UnusableInputError, UsageError } from '../errors.js';
import { describeFsError } from '../io/outputDir.js';
import { readRegularText } from '../io/regularFile.js';
import { writeFileAtomic } from '../io/writeAtomic.js';
import { jsonText, visible } from '../visibleText.js';
import type { CheckFormat } from './options.js';
import { colours } from './terminal.js';

export async function runCheck(currentArg: string, cli: CheckCliOptions): Promise<ExitCode> {
  if (cli.update) return updateBaseline(currentArg, cli);
  const { result, labels, tolerances, unmatched } = await check(currentArg, cli);
  if (unmatched.length > 0) {
    process.stderr.write(
      `tides: warning: ${visible(`${cli.tolerances ?? 'tolerances'}: ${unmatched.join(', ')}`)} in neither file; check the spelling\n`,
    );
  }

  if (cli.output) {
    await writeReport(cli.output, render(cli, result, labels, tolerances, false));
    const style = colours(process.stdout);
    process.stdout.write(
      `${summaryLine(result, labels, style)}\nReport written to ${visible(cli.output)}\n`,
    );
  } else {
    process.stdout.write(render(cli, result, labels, tolerances, true));
  }
  return result.passed ? EXIT.ok : EXIT.dataErrors;
}

function render(
  cli: CheckCliOptions,
  result: CheckResult,
  labels: CheckLabels,
  tolerances: Tolerances,
  terminal: boolean,
): string {
  switch (cli.format) {
    case 'json':
      return `${jsonText(checkResultJson(result, labels, tolerances), 2)}\n`;
    case 'junit':
      return renderJunit(result);
    default:
      return formatCheckText(result, labels, terminal ? colours(process.stdout) : PLAIN);
  }
}

/**
 * `--update`: copies the current file over the baseline, byte for byte and atomically, after
 * checking it is a metrics.json tides can read; says what changed from the old baseline.
 */
async function updateBaseline(currentArg: string, cli: CheckCliOptions): Promise<ExitCode> {
  if (cli.output) {
    throw new UsageError('--update writes the baseline and no report: drop --output');
  }
  const currentPath = await metricsPath(currentArg);
  const text = await readText(currentPath, 'current metrics');
  const current = parseMetricsFile(text, currentPath);
  const target = await metricsPath(cli.baseline);
  const previous = await readOptional(target);
  if (previous === text) {
    process.stdout.write(
      `${visible(`Baseline ${target} is already identical to ${currentPath}`)}: nothing to do\n`,
    );
    return EXIT.ok;
  }
  const before = previous === null ? null : await describePrevious(previous, current, cli);
  try {
    await mkdir(dirname(target), { recursive: true });
    await writeFileAtomic(target, text);
  } catch (error) {
    throw new UnusableInputError(`cannot write the baseline ${target} (${describeFsError(error)})`);
  }
  const rows = current.tables.reduce((sum, t) => sum + t.rows.length, 0);
  const what = `${current.tables.length} tables, ${rows} rows`;
  const files = visible(`${target} from ${currentPath}`);
  process.stdout.write(
    previous === null
      ? `Created baseline ${files} (${what})\n`
      : `Updated baseline ${files} (${what}); against the old baseline: ${before}\n`,
  );
  return EXIT.ok;
}

/** How the old baseline compares with the new one, for the `--update` message. */
async function describePrevious(
  previousText: string,
  current: MetricsFile,
  cli: CheckCliOptions,
): Promise<string> {
  let previous: MetricsFile;
  try {
    previous = parseMetricsFile(previousText, 'old baseline');
  } catch {
    return 'the old file was not a usable metrics.json';
  }
  if (previous.schemaVersion !== current.schemaVersion) {
    return `schema_version ${previous.schemaVersion} → ${current.schemaVersion}`;
  }
  const differences = analysisDifferences(current, previous);
  if (differences.length > 0) return `a different analysis: ${describeDifferences(differences)}`;
  const result = compareMetrics(current, previous, await loadTolerances(cli), { allowNew: false });
  return summaryText(result.summary);
}

async function readOptional(path: string): Promise<string | null> {
  try {
    return readRegularText(path);
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return null;
    throw new UnusableInputError(`cannot read the baseline ${path} (${describeFsError(error)})`);
  }
}

async function writeReport(path: string, report: string): Promise<void> {
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFileAtomic(path, report);
  } catch (error) {
    throw new UnusableInputError(`cannot write the report ${path} (${describeFsError(error)})`);
  }
}

export interface CheckCliOptions {
  readonly baseline: string;
  readonly tolerance?: number;
  readonly relative?: number;
  readonly tolerances?: string;
  readonly allowNew?: boolean;
  readonly format: CheckFormat;
  readonly output?: string;
  readonly update?: boolean;
}
