import type { ExitCode } from '../errors.js';
import { prepareOutputDir } from '../io/outputDir.js';
import { RunFolder } from '../io/runFolder.js';
import type { AnalyseCliOptions } from './analyse.js';
import { loadForPublishing } from './loading.js';
import { printNotices } from './notices.js';

/**
 * `tides analyse DIR`. The output folder is checked and locked first, so that an unusable or
 * busy `--out` fails before the data is read. The analysis and report modules are imported while
 * the data files are read: in worker threads, the main thread would otherwise only wait.
 */
export async function runAnalyse(dir: string, cli: AnalyseCliOptions): Promise<ExitCode> {
  const out = await prepareOutputDir(cli.out, dir);
  const run = await RunFolder.open(out, cli.out, 'manifest.json');
  try {
    printNotices(run.notices, cli.quiet);
    const [{ programme, rule }, { writeAnalysis }] = await Promise.all([
      // The manifest lists each input's SHA-256: data files are hashed as they are read.
      loadForPublishing(dir, cli, cli.period ?? null, true),
      import('./analyseWrite.js'),
    ]);
    return await writeAnalysis(dir, cli, run, programme, rule);
  } finally {
    await run.close();
    printNotices(run.notices, cli.quiet);
  }
}
