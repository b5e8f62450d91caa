import { mkdir, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import {
  analysisDifferences,
  buildTolerances,
  type CheckLabels,
  type CheckResult,
  checkResultJson,
  comparedColumns,
  compareMetrics,
  describeDifferences,
  formatCheckText,
  type MetricsFile,
  PLAIN,
  parseMetricsFile,
  parseTolerances,
  renderJunit,
  summaryLine,
  summaryText,
  type Tolerances,
  unmatchedTolerances,
} from '../check/index.js';
import { EXIT, type ExitCode, UnusableInputError, UsageError } from '../errors.js';
import { readRegularText } from '../io/regularFile.js';
import { writeFileAtomic } from '../io/writeAtomic.js';
import { jsonText, visible } from '../visibleText.js';
import type { CheckCliOptions } from './check.js';
import { colours } from './terminal.js';

export async function runCheck(currentArg: string, cli: CheckCliOptions): Promise<ExitCode> {
  if (cli.update) return updateBaseline(currentArg, cli);
  const currentPath = await metricsPath(currentArg);
  const baselinePath = await metricsPath(cli.baseline);
  const current = parseMetricsFile(await readText(currentPath, 'current metrics'), currentPath);
  const baseline = parseMetricsFile(await readText(baselinePath, 'baseline'), baselinePath);
  assertComparable(current, currentPath, baseline, baselinePath);
  const tolerances = await loadTolerances(cli);

  const result = compareMetrics(current, baseline, tolerances, { allowNew: cli.allowNew === true });
  const unmatched = unmatchedTolerances(tolerances, comparedColumns(result));
  if (unmatched.length > 0) {
    process.stderr.write(
      `tides: warning: ${visible(`${cli.tolerances ?? 'tolerances'}: ${unmatched.join(', ')}`)} in neither file; check the spelling\n`,
    );
  }

  const labels: CheckLabels = { current: currentPath, baseline: baselinePath };
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

/** Comparing different analyses (schema, grouping, period, disclosure) is meaningless: exit 2. */
function assertComparable(
  current: MetricsFile,
  currentPath: string,
  baseline: MetricsFile,
  baselinePath: string,
): void {
  if (current.schemaVersion !== baseline.schemaVersion) {
    throw new UnusableInputError(
      `${currentPath} has schema_version ${current.schemaVersion} but the baseline ${baselinePath} has ${baseline.schemaVersion}; update the baseline with --update`,
    );
  }
  const differences = analysisDifferences(current, baseline);
  if (differences.length > 0) {
    throw new UnusableInputError(
      `${currentPath} and the baseline ${baselinePath} are different analyses: ${describeDifferences(differences)}; run tides analyse with the baseline's options, or replace the baseline with --update`,
    );
  }
}

async function loadTolerances(cli: CheckCliOptions): Promise<Tolerances> {
  const file = cli.tolerances
    ? parseTolerances(await readText(cli.tolerances, 'tolerances file'), cli.tolerances)
    : null;
  return buildTolerances(file, {
    ...(cli.tolerance !== undefined ? { abs: cli.tolerance } : {}),
    ...(cli.relative !== undefined ? { rel: cli.relative } : {}),
  });
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
    throw new UnusableInputError(`cannot write the baseline ${target} (${reason(error)})`);
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

/** A folder stands for the metrics.json inside it (`tides check report/ --baseline baseline/`). */
async function metricsPath(path: string): Promise<string> {
  try {
    if ((await stat(path)).isDirectory()) return join(path, 'metrics.json');
  } catch {
    // A path that does not exist is reported when it is read (or created by --update).
  }
  return path;
}

async function readText(path: string, role: string): Promise<string> {
  try {
    return readRegularText(path);
  } catch (error) {
    throw new UnusableInputError(`cannot read the ${role} file ${path} (${reason(error)})`);
  }
}

async function readOptional(path: string): Promise<string | null> {
  try {
    return readRegularText(path);
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return null;
    throw new UnusableInputError(`cannot read the baseline ${path} (${reason(error)})`);
  }
}

async function writeReport(path: string, report: string): Promise<void> {
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFileAtomic(path, report);
  } catch (error) {
    throw new UnusableInputError(`cannot write the report ${path} (${reason(error)})`);
  }
}

const REASONS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EISDIR: 'it is a folder',
  ENOTDIR: 'a parent is not a folder',
  EROFS: 'read-only file system',
};

function reason(error: unknown): string {
  const code = (error as { code?: string }).code;
  return (code && REASONS[code]) ?? code ?? (error as Error).message;
}
