import type { Issue } from '../contract/issues.js';
import { RULES } from '../contract/rules.js';
import { EXIT, type ExitCode, UnusableInputError } from '../errors.js';
import { describeFsError, isFsError } from '../io/outputDir.js';
import { writeCsvFile } from '../io/writeCsv.js';
import { loadProgramme, type Programme } from '../load/loadProgramme.js';
import { validationReport } from '../load/validation.js';
import { jsonText, visible } from '../visibleText.js';
import { today } from './clock.js';
import { progressBar } from './progress.js';
import { colours } from './terminal.js';
import type { ValidateOptions } from './validate.js';

export async function runValidate(dir: string, options: ValidateOptions): Promise<ExitCode> {
  // --json output is for machines: no progress line then either.
  const bar = progressBar(options.json);
  const programme = await loadProgramme(dir, {
    today: today(),
    ...(options.jobs === undefined ? {} : { jobs: options.jobs }),
    ...(bar.listener ? { progress: bar.listener } : {}),
  }).finally(bar.finish);
  if (options.issuesOut) await writeIssuesCsv(options.issuesOut, programme.issues);
  if (options.json) {
    process.stdout.write(`${jsonText(validationReport(programme), 2)}\n`);
  } else {
    process.stdout.write(formatSummary(programme, options.top));
  }
  return programme.errors > 0 ? EXIT.dataErrors : EXIT.ok;
}

const ISSUE_COLUMNS = ['file', 'line', 'column', 'value', 'rule', 'severity', 'message', 'hint'];

async function writeIssuesCsv(path: string, issues: readonly Issue[]): Promise<void> {
  try {
    await writeCsvFile(
      path,
      ISSUE_COLUMNS,
      issues.map((i) => [
        i.file,
        i.line,
        i.column,
        i.value,
        i.rule,
        i.severity,
        i.message,
        RULES[i.rule].hint,
      ]),
    );
  } catch (error) {
    if (!isFsError(error)) throw error;
    throw new UnusableInputError(
      `--issues-out ${path} cannot be written (${describeFsError(error)})`,
    );
  }
}

/** The human summary: a line per file, the most frequent issues with examples, the totals. */
export function formatSummary(programme: Programme, top: number): string {
  const c = colours(process.stdout);
  const lines: string[] = [];
  // File names, values and messages quote the input: shown visibly (visibleText.ts).
  const files = programme.files.map((f) => ({ ...f, path: visible(f.path) }));
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
  for (const f of programme.ignored)
    lines.push(c.dim(`${visible(f.display).padEnd(width)}  ignored: ${visible(f.reason)}`));
  lines.push('');

  const byRule = new Map<string, Issue[]>();
  for (const issue of programme.issues) {
    const list = byRule.get(issue.rule) ?? [];
    list.push(issue);
    byRule.set(issue.rule, list);
  }
  const ranked = [...byRule.entries()].sort(
    (a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1),
  );
  let shown = 0;
  let listed = 0;
  for (const [rule, issues] of ranked) {
    const first = issues[0] as Issue;
    const anyError = issues.some((i) => i.severity === 'error');
    const tag = anyError ? c.red('error') : c.yellow('warning');
    lines.push(`${tag} ${c.bold(rule)} ×${issues.length}: ${RULES[first.rule].hint}`);
    listed++;
    for (const issue of issues.slice(0, Math.max(1, Math.min(3, top - shown)))) {
      const at = [issue.file, issue.line, issue.column].filter((x) => x !== null).join(':');
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
  if (programme.issues.length > 0) lines.push('');
  const t = programme.totals;
  lines.push(
    `participants: ${t.participants.read} read, ${t.participants.used} used, ${t.participants.rejected} rejected`,
    `outcomes:     ${t.outcomes.read} read, ${t.outcomes.used} used, ${t.outcomes.rejected} rejected`,
    `${programme.errors} error(s), ${programme.warnings} warning(s)`,
  );
  return `${lines.join('\n')}\n`;
}
