import type { SummariseOptions } from '../api/summarise.js';
import { summarise } from '../api/summarise.js';
import { EXIT, type ExitCode } from '../errors.js';
import { visible } from '../visibleText.js';
import { printNotice } from './notices.js';
import { progressBar } from './progress.js';

/** `tides summary DIR --year 2016-17`: the library's `summarise`, with its headline printed. */
export async function runSummary(dir: string, cli: SummaryCliOptions): Promise<ExitCode> {
  const bar = progressBar(cli.quiet);
  const result = await summarise(dir, {
    ...cli,
    onNotice: (notice) => printNotice(notice, cli.quiet),
    ...(bar.listener ? { onProgress: bar.listener } : {}),
  }).finally(bar.finish);
  if (!cli.quiet) {
    const base = `summary-${result.year}`;
    const lines = result.headline.map(
      (h) => `${h.label}: ${h.value}${h.note ? ` (${h.note})` : ''}`,
    );
    lines.push(
      `Wrote ${base}.md, ${base}.html, ${base}.json and ${base}.manifest.json to ${cli.out.replace(/\/+$/, '')}/`,
    );
    process.stdout.write(`${lines.map(visible).join('\n')}\n`);
  }
  return EXIT.ok;
}

/** `tides summary`'s options: the library's, and the terminal's. */
export interface SummaryCliOptions extends SummariseOptions {
  readonly quiet?: boolean;
}
