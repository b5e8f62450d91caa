import type { ReadingOptions } from '../api/options.js';
import { type ValidationResult, validate } from '../api/validate.js';
import { type Issue, issueWhere } from '../contract/issues.js';
import { RULES } from '../contract/rules.js';
import { EXIT, type ExitCode, UnusableInputError } from '../errors.js';
import { describeFsError, isFsError } from '../io/outputDir.js';
import { writeCsvFile } from '../io/writeCsv.js';
import { visible, visibleInJson } from '../visibleText.js';
import { progressBar } from './progress.js';
import { colours, writeOut } from './terminal.js';

export async function runValidate(dir: string, options: ValidateCliOptions): Promise<ExitCode> {
  // --json output is for machines: no progress line then either.
  const bar = progressBar(options.json);
  // Only a full list needs every issue: the summary needs the programme's counts and examples.
  const result = await validate(dir, {
    ...(options.jobs === undefined ? {} : { jobs: options.jobs }),
    ...(bar.listener ? { onProgress: bar.listener } : {}),
    listIssues: options.json === true || options.issuesOut !== undefined,
    ...(options.partners === undefined ? {} : { partners: options.partners }),
  }).finally(bar.finish);
  try {
    if (options.issuesOut) await writeIssuesCsv(options.issuesOut, result.issueList());
    if (options.json) {
      await writeOut(visibleJson(result.json()));
    } else {
      process.stdout.write(formatSummary(result, options.top));
    }
    return result.errors > 0 ? EXIT.dataErrors : EXIT.ok;
  } finally {
    result.close();
  }
}

/**
 * JSON text in chunks with the characters JSON.stringify leaves raw (DEL, C1, bidi controls)
 * escaped too (`visibleInJson`, which any piece of JSON text can go through).
 */
function* visibleJson(chunks: Iterable<string>): Generator<string> {
  for (const chunk of chunks) yield visibleInJson(chunk);
}

/** `cell` is last, so that the columns of earlier versions keep their places. */
const ISSUE_COLUMNS = [
  'file',
  'line',
  'column',
  'value',
  'rule',
  'severity',
  'message',
  'hint',
  'cell',
];

async function writeIssuesCsv(path: string, issues: Iterable<Issue>): Promise<void> {
  try {
    await writeCsvFile(
      path,
      ISSUE_COLUMNS,
      (function* () {
        for (const i of issues) {
          yield [
            i.file,
            i.line,
            i.column,
            i.value,
            i.rule,
            i.severity,
            i.message,
            RULES[i.rule].hint,
            i.cell ?? null,
          ];
        }
      })(),
    );
  } catch (error) {
    if (!isFsError(error)) throw error;
    throw new UnusableInputError(
      `--issues-out ${path} cannot be written (${describeFsError(error)})`,
    );
  }
}

/** The human summary: a line per file, the most frequent issues with examples, the totals. */
export function formatSummary(result: ValidationResult, top: number): string {
  const c = colours(process.stdout);
  const lines: string[] = [];
  // File names, values and messages quote the input: shown visibly (visibleText.ts).
  const files = result.files.map((f) => ({ ...f, path: visible(f.path) }));
  const width = Math.max(...files.map((f) => f.path.length), 10);
  lines.push(
    c.bold(
      `${'file'.padEnd(width)}  ${'kind'.padEnd(12)} ${'read'.padStart(8)} ${'used'.padStart(8)} ${'rejected'.padStart(8)}`,
    ),
  );
  for (const f of files) {
    const rejected =
      f.rejected > 0 ? c.red(String(f.rejected).padStart(8)) : String(f.rejected).padStart(8);
    lines.push(
      `${f.path.padEnd(width)}  ${f.kind.padEnd(12)} ${String(f.read).padStart(8)} ${String(f.used).padStart(8)} ${rejected}`,
    );
  }
  for (const f of result.ignored)
    lines.push(c.dim(`${visible(f.path).padEnd(width)}  ignored: ${visible(f.reason)}`));
  lines.push('');

  const ranked = [...result.issues].sort((a, b) => b.count - a.count || (a.rule < b.rule ? -1 : 1));
  let shown = 0;
  let listed = 0;
  for (const { rule, count, errors, examples } of ranked) {
    const tag = errors > 0 ? c.red('error') : c.yellow('warning');
    lines.push(`${tag} ${c.bold(rule)} ×${count}: ${RULES[rule].hint}`);
    listed++;
    for (const issue of examples.slice(0, Math.max(1, Math.min(3, top - shown)))) {
      const at = issueWhere(issue);
      const value = issue.value === null ? '' : ` "${visible(issue.value)}"`;
      lines.push(`  ${visible(at)}${value} ${c.dim(visible(issue.message))}`);
      shown++;
    }
    if (shown >= top) break;
  }
  if (listed < ranked.length) {
    lines.push(
      c.dim(
        `… and ${ranked.length - listed} more rule(s): see --json or --issues-out for every issue`,
      ),
    );
  }
  if (result.issues.length > 0) lines.push('');
  const t = result.totals;
  lines.push(
    `participants: ${t.participants.read} read, ${t.participants.used} used, ${t.participants.rejected} rejected`,
    `outcomes:     ${t.outcomes.read} read, ${t.outcomes.used} used, ${t.outcomes.rejected} rejected`,
    `${result.errors} error(s), ${result.warnings} warning(s)`,
  );
  return `${lines.join('\n')}\n`;
}

export interface ValidateCliOptions extends ReadingOptions {
  readonly json?: boolean;
  readonly issuesOut?: string;
  readonly top: number;
  readonly partners?: string;
}
