import type { AnalyseOptions } from '../api/analyse.js';
import { type AnalysisResult, analyse } from '../api/analyse.js';
import type { OutputFormat } from '../api/options.js';
import { EXIT, type ExitCode } from '../errors.js';
import type { Dimension } from '../metrics/grouping.js';
import { groupDigits } from '../report/format.js';
import { visible } from '../visibleText.js';
import { printNotice } from './notices.js';
import { progressBar } from './progress.js';
import { colours } from './terminal.js';

/** `tides analyse DIR`: the library's `analyse`, with progress, notices and a summary printed. */
export async function runAnalyse(dir: string, cli: AnalyseCliOptions): Promise<ExitCode> {
  const bar = progressBar(cli.quiet);
  const result = await analyse(dir, {
    ...cli,
    onNotice: (notice) => printNotice(notice, cli.quiet),
    ...(bar.listener ? { onProgress: bar.listener } : {}),
  }).finally(bar.finish);
  if (!cli.quiet) process.stdout.write(terminalSummary(result, cli.out));
  if (cli.strict && result.errors > 0) {
    process.stderr.write(
      `tides: the data has ${result.errors} error(s) (--strict): exit 1; the outputs are written (run tides validate ${visible(dir)} for every issue)\n`,
    );
    return EXIT.dataErrors;
  }
  return EXIT.ok;
}

const n = (count: number) => groupDigits(String(count));

function terminalSummary(result: AnalysisResult, out: string): string {
  const c = colours(process.stdout);
  const lines = result.headline.map(
    (h) => `${c.bold(visible(h.label))}: ${visible(`${h.value}${h.note ? ` (${h.note})` : ''}`)}`,
  );
  const t = result.totals;
  lines.push(
    `${c.bold('Rows excluded')}: ${n(t.participants.rejected)} of ${n(t.participants.read)} participant rows, ${n(t.outcomes.rejected)} of ${n(t.outcomes.read)} outcome rows (${result.errors} errors, ${result.warnings} warnings; see data_quality.csv or run tides validate)`,
  );
  if (result.notForPublication) lines.push(c.red('Disclosure control is OFF: NOT FOR PUBLICATION'));
  lines.push(`Wrote ${result.outputs.length + 1} files to ${visible(out)}/`);
  return `${lines.join('\n')}\n`;
}

/** `tides analyse`'s options: the library's, with commander's defaults, and the terminal's. */
export interface AnalyseCliOptions extends AnalyseOptions {
  readonly by: readonly Dimension[];
  readonly format: readonly OutputFormat[];
  readonly siiSimulations: number;
  readonly strict?: boolean;
  readonly quiet?: boolean;
}
