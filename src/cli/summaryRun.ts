import type { SummariseOptions } from '../api/summarise.js';
import { summarise, summaryYears } from '../api/summarise.js';
import { EXIT, type ExitCode } from '../errors.js';
import { visible } from '../visibleText.js';
import { printNotice } from './notices.js';
import { progressBar } from './progress.js';

/** `tides summary DIR --year 2016-17`: the library's `summarise`, with its headline printed. */
export async function runSummary(dir: string, cli: SummaryCliOptions): Promise<ExitCode> {
  const bar = progressBar(cli.quiet);
  if (cli.year === undefined) {
    // No year asked for: say which there are, and write nothing.
    const years = await summaryYears(dir, {
      ...cli,
      ...(bar.listener ? { onProgress: bar.listener } : {}),
    }).finally(bar.finish);
    process.stdout.write(
      `${visible(`Years with enrolments in ${dir}: ${years.join(', ')}`)}\n` +
        `Write one year's summary with: tides summary ${visible(dir)} --year ${years.at(-1) ?? 'YYYY-YY'}\n`,
    );
    return EXIT.ok;
  }
  const year = cli.year;
  const result = await summarise(dir, {
    ...cli,
    year,
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

/** `tides summary`'s options: the library's (the year optional: without it, the years are listed), and the terminal's. */
export interface SummaryCliOptions extends Omit<SummariseOptions, 'year'> {
  readonly year?: string;
  readonly quiet?: boolean;
}
