import type { ExitCode } from '../errors.js';
import { prepareOutputDir } from '../io/outputDir.js';
import type { AnalyseCliOptions } from './analyse.js';
import { loadForPublishing } from './loading.js';

/**
 * `tides analyse DIR`. The analysis and report modules are imported while the data files are
 * read: in worker threads, the main thread would otherwise only wait.
 */
export async function runAnalyse(dir: string, cli: AnalyseCliOptions): Promise<ExitCode> {
  const out = await prepareOutputDir(cli.out, dir);
  const [{ programme, rule }, { writeAnalysis }] = await Promise.all([
    // The manifest lists each input's SHA-256: data files are hashed as they are read.
    loadForPublishing(dir, cli, cli.period ?? null, true),
    import('./analyseWrite.js'),
  ]);
  return writeAnalysis(dir, cli, out, programme, rule);
}
