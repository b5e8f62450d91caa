import { stat } from 'node:fs/promises';
import { loadConfig } from '../config/loadConfig.js';
import type { TidesConfig } from '../config/types.js';
import { normaliseHeader } from '../contract/columns.js';
import { compareIssues, type Issue, IssueLog } from '../contract/issues.js';
import type { Partner, Population } from '../contract/records.js';
import {
  type DiscoveredInput,
  discoverInput,
  type IgnoredFile,
  type InputFile,
} from '../io/discover.js';
import { buildMeasureRegistry, type MeasureRegistry } from '../measures/registry.js';
import { EpisodeStore } from './episodes.js';
import { readLsoaLookup, readPopulation } from './lookups.js';
import {
  checkPairOrder,
  type OutcomeContext,
  readOutcomes,
  type ScoringCounts,
} from './outcomes.js';
import { PairStore } from './pairs.js';
import { readParticipants } from './participants.js';
import { readPartners } from './partners.js';
import type { FileReport } from './table.js';

export interface RowTotals {
  readonly read: number;
  readonly used: number;
  readonly rejected: number;
}

/** Everything read from an input folder: typed records, per-file accounting and every issue. */
export interface Programme {
  readonly input: DiscoveredInput;
  readonly config: TidesConfig;
  readonly measures: MeasureRegistry;
  readonly partners: readonly Partner[];
  readonly episodes: EpisodeStore;
  readonly pairs: PairStore;
  readonly population: Population | null;
  readonly lsoaLookup: ReadonlyMap<string, number> | null;
  /** Reports of every file read, in reading order (partners, lookups, participants, outcomes). */
  readonly files: readonly FileReport[];
  readonly ignored: readonly IgnoredFile[];
  /** Every issue, sorted by file, line and rule. */
  readonly issues: readonly Issue[];
  readonly errors: number;
  readonly warnings: number;
  readonly scoring: ScoringCounts;
  readonly totals: { readonly participants: RowTotals; readonly outcomes: RowTotals };
}

export interface LoadOptions {
  /** Today as a day number: later dates are rejected as future dates. */
  readonly today: number;
  /** Called after each participant or outcome file, for a progress display. */
  readonly progress?: (progress: LoadProgress) => void;
}

export interface LoadProgress {
  readonly filesDone: number;
  readonly filesTotal: number;
  /** Records read so far from participant and outcome files. */
  readonly rowsRead: number;
  /** Share of the participant and outcome files' bytes read, 0–1. */
  readonly share: number;
}

/**
 * Reads an input folder as ../shared/CONTRACT.md describes, in dependency order: the config, the
 * LSOA lookup, partners, participants (episodes), outcomes (pairs), then the checks that need
 * every outcome (follow-up before baseline). Throws UnusableInputError only when the folder
 * cannot be analysed at all; every other problem is an issue.
 */
export async function loadProgramme(dir: string, options: LoadOptions): Promise<Programme> {
  const input = await discoverInput(dir);
  const config = input.config ? await loadConfig(input.config.path, input.config.display) : {};
  const measures = buildMeasureRegistry(config);
  const log = new IssueLog();
  const aliasesFor = aliasResolver(config);
  const files: FileReport[] = [];

  let lsoaLookup: Map<string, number> | null = null;
  if (input.lsoaImd) {
    const read = await readLsoaLookup(input.lsoaImd, aliasesFor(input.lsoaImd), log);
    lsoaLookup = read.lookup;
    files.push(read.report);
  }
  let population: Population | null = null;
  if (input.population) {
    const read = await readPopulation(input.population, aliasesFor(input.population), log);
    population = read.population;
    files.push(read.report);
  }
  const partnersRead = await readPartners(input.partners, aliasesFor(input.partners), log);
  files.push(partnersRead.report);
  const partners = partnersRead.partners;
  const partnerIndex = new Map(partners.map((p, i) => [p.id, i]));

  const episodes = new EpisodeStore();
  const rejectedEpisodes = new Set<number>();
  const today = options.today;
  const dataFiles: InputFile[] = [...input.participants, ...input.outcomes];
  const displays = dataFiles.map((f) => f.display);
  const reports: FileReport[] = [];
  const done = progressCounter(dataFiles, reports, options.progress);
  for (const [i, file] of input.participants.entries()) {
    const report = await readParticipants(file, i, aliasesFor(file), {
      episodes,
      partnerIndex,
      lsoaLookup,
      rejectedEpisodes,
      today,
      log,
    });
    reports[i] = report;
    await done(i);
  }

  const pairs = new PairStore(measures.measures.length, episodes.count);
  const scoring: ScoringCounts = { prorated: 0, swemwbsConverted: 0, swemwbsDerived: 0 };
  const context: OutcomeContext = {
    episodes,
    pairs,
    measures,
    partnerIndex,
    rejectedEpisodes,
    reports,
    displays,
    today,
    log,
  };
  for (const [j, file] of input.outcomes.entries()) {
    const index = input.participants.length + j;
    await readOutcomes(file, index, aliasesFor(file), context, scoring);
    await done(index);
  }
  checkPairOrder(context);
  files.push(...reports);

  const issues = [...log.issues].sort(compareIssues);
  return {
    input,
    config,
    measures,
    partners,
    episodes,
    pairs,
    population,
    lsoaLookup,
    files,
    ignored: input.ignored,
    issues,
    errors: log.errors,
    warnings: log.warnings,
    scoring,
    totals: {
      participants: sumReports(reports.filter((r) => r.kind === 'participants')),
      outcomes: sumReports(reports.filter((r) => r.kind === 'outcomes')),
    },
  };
}

/** Reports progress file by file, weighting files by size; does nothing without a listener. */
function progressCounter(
  files: readonly InputFile[],
  reports: readonly FileReport[],
  listener: LoadOptions['progress'],
): (index: number) => Promise<void> {
  if (!listener) return async () => undefined;
  let sizes: number[] | null = null;
  let total = 0;
  let bytesDone = 0;
  let filesDone = 0;
  let rowsRead = 0;
  return async (index) => {
    if (sizes === null) {
      sizes = await Promise.all(
        files.map((f) =>
          stat(f.path).then(
            (s) => s.size,
            () => 0,
          ),
        ),
      );
      total = sizes.reduce((a, b) => a + b, 0);
    }
    bytesDone += sizes[index] ?? 0;
    filesDone++;
    rowsRead += reports[index]?.read ?? 0;
    listener({
      filesDone,
      filesTotal: files.length,
      rowsRead,
      share: total > 0 ? bytesDone / total : filesDone / files.length,
    });
  };
}

export function sumReports(reports: readonly FileReport[]): RowTotals {
  let read = 0;
  let used = 0;
  let rejected = 0;
  for (const r of reports) {
    read += r.read;
    used += r.used;
    rejected += r.rejected;
  }
  return { read, used, rejected };
}

/**
 * The alias map (normalised header name → contract column) for a file: the global aliases, plus
 * those of the partner whose id names one of the folders the file sits in.
 */
function aliasResolver(config: TidesConfig): (file: InputFile) => ReadonlyMap<string, string> {
  const global = new Map<string, string>();
  for (const [column, names] of Object.entries(config.aliases ?? {})) {
    for (const name of names) global.set(normaliseHeader(name), column);
  }
  const partnerIds = Object.keys(config.partners ?? {});
  return (file) => {
    const folders = file.display.split('/').slice(0, -1);
    const partner = partnerIds.find((id) => folders.includes(id));
    const own = partner === undefined ? undefined : config.partners?.[partner]?.aliases;
    if (!own) return global;
    const merged = new Map(global);
    for (const [column, names] of Object.entries(own)) {
      for (const name of names) merged.set(normaliseHeader(name), column);
    }
    return merged;
  };
}
