import { stat } from 'node:fs/promises';
import { DEFAULT_IMD_EDITION, IMD_EDITION_INFO, type ImdEdition } from '../contract/imd.js';
import { IssueLog, type IssueSink } from '../contract/issues.js';
import type { Population } from '../contract/records.js';
import {
  compareText,
  discoverInput,
  type InputFile,
  type ProgrammeInput,
  requireInputs,
  withFileGlobs,
  withLayouts,
} from '../io/discover.js';
import { buildMeasureRegistry } from '../measures/registry.js';
import { EpisodeStore } from '../model/episodes.js';
import { IssueTally } from '../model/issueTally.js';
import { PairStore } from '../model/pairs.js';
import type {
  FileReport,
  IgnoredFile,
  Programme,
  RowTotals,
  ScoringCounts,
} from '../model/programme.js';
import { aliasResolver } from './aliases.js';
import { readBuiltinImd } from './builtinImd.js';
import { publishCohorts, publishThemes } from './categories.js';
import { loadConfig } from './config.js';
import {
  type DataRows,
  PIECE_ROWS,
  type ReaderSetup,
  readDataFiles,
  workerCount,
} from './dataFiles.js';
import type { DeprivationLookup } from './deprivation.js';
import { readLsoaLookup, readPopulation } from './lookups.js';
import { checkPairOrder, mergeOutcomes, type OutcomeContext } from './outcomes.js';
import { mergeParticipants, type ParticipantTarget } from './participants.js';
import { readPartners } from './partners.js';
import { readPostcodeDirectory, resolvePostcodes } from './postcodes.js';
import { recodeResolver } from './recode.js';

/** A programme with the loader's record of its input folder (for a manifest). */
export interface LoadedProgramme extends Programme {
  readonly input: ProgrammeInput;
}

export interface LoadOptions {
  /** Today as a day number: later dates are rejected as future dates. */
  readonly today: number;
  /**
   * Worker threads to read participant and outcome files with (0: read them in this thread);
   * by default one per core for inputs of a few MB or more.
   */
  readonly jobs?: number;
  /**
   * Hash each participant and outcome file as it is read (for a manifest of exactly what was
   * read); default false. Files without a digest are hashed when the manifest is written.
   */
  readonly digests?: boolean;
  /** Candidate rows per piece of a file (default PIECE_ROWS; smaller in tests). */
  readonly pieceRows?: number;
  /**
   * Read plain records straight from their bytes (default true); false reads every record as
   * text, which gives the same programme more slowly (tests compare the two).
   */
  readonly plainRecords?: boolean;
  /**
   * Receives every issue as it is found (in no particular order: IssueSpool sorts them), for a
   * command that lists them all. The programme itself keeps only counts and examples.
   */
  readonly issueList?: IssueSink;
  /**
   * A partial delivery (`validate`): participant files alone, or outcome files alone, are read
   * and checked (outcomes are not matched to people when no participant file is there).
   */
  readonly partial?: boolean;
  /** The programme's partners from elsewhere (`validate --partners FILE`), instead of the folder's. */
  readonly partners?: InputFile;
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
 * Reads an input folder as the README's data contract describes, in dependency order: the config, the
 * LSOA lookup, partners, participants (episodes), outcomes (pairs), then the checks that need
 * every outcome (follow-up before baseline). Throws UnusableInputError only when the folder
 * cannot be analysed at all; every other problem is an issue.
 */
export async function loadProgramme(dir: string, options: LoadOptions): Promise<LoadedProgramme> {
  const found = await discoverInput(dir);
  const config = found.config ? await loadConfig(found.config.path, found.config.display) : {};
  const listed = withLayouts(withFileGlobs(found, config.files ?? {}), config.layouts ?? {});
  const input = requireInputs(listed, dir, {
    partial: options.partial ?? false,
    ...(options.partners ? { partners: options.partners } : {}),
  });
  const measures = buildMeasureRegistry(config);
  const issues = new IssueTally();
  const list = options.issueList;
  const log = new IssueLog(
    list === undefined
      ? issues
      : {
          accept(issue) {
            issues.accept(issue);
            list.accept(issue);
          },
        },
  );
  const aliasesFor = aliasResolver(config);
  const files: FileReport[] = [];

  let deprivation: DeprivationLookup;
  let deprivationSource: Programme['deprivationSource'];
  const edition = config.imd_edition ?? DEFAULT_IMD_EDITION;
  if (input.lsoaImd) {
    const read = await readLsoaLookup(input.lsoaImd, aliasesFor(input.lsoaImd), log);
    files.push(read.report);
    deprivation = {
      deciles: read.lookup,
      source: input.lsoaImd.display,
      otherEdition: null,
      postcodeDirectory: input.postcodes !== null,
    };
    deprivationSource = { kind: 'file' };
  } else {
    deprivation = await builtinDeprivation(edition, input.postcodes !== null);
    deprivationSource = { kind: 'builtin', edition };
  }
  let population: Population | null = null;
  if (input.population) {
    const read = await readPopulation(input.population, aliasesFor(input.population), log);
    population = read.population;
    files.push(read.report);
  }
  const partnersRead = await readPartners(
    input.partners,
    aliasesFor(input.partners),
    log,
    recodeResolver(config)(input.partners),
  );
  files.push(partnersRead.report);
  const partners = publishThemes(partnersRead.partners);

  const episodes = new EpisodeStore();
  const rejectedEpisodes = new Set<number>();
  const dataFiles: InputFile[] = [...input.participants, ...input.outcomes];
  const displays = dataFiles.map((f) => f.display);
  const reports: FileReport[] = [];
  const sizes = await fileSizes(dataFiles);
  const totalBytes = sizes.reduce((a, b) => a + b, 0);
  const done = progressCounter(sizes, reports, options.progress);
  const partnerIds = partners.map((p) => p.id);
  const setup: ReaderSetup = {
    config,
    partnerIds,
    deprivation,
    today: options.today,
    digests: options.digests ?? false,
    pieceRows: options.pieceRows ?? PIECE_ROWS,
    listIssues: list !== undefined,
    plainRecords: options.plainRecords ?? true,
  };
  const workers = workerCount(options.jobs, totalBytes, dataFiles.length);
  const scoring: ScoringCounts = { prorated: 0, swemwbsConverted: 0, swemwbsDerived: 0 };
  // Rows the merges move from used to rejected, by file: applied to the reports at the end.
  const moved: number[] = [];
  const participants: ParticipantTarget = {
    episodes,
    partnerIds,
    rejectedEpisodes,
    log,
    displays,
    moved,
  };
  let outcomes: OutcomeContext | null = null;
  const consume = (rows: DataRows, index: number) => {
    // Before the merge's own issues about these rows, as if the reader's were logged here.
    if (rows.tally !== null) issues.merge(rows.tally);
    if (rows.kind === 'participants') {
      mergeParticipants(rows, index, participants);
    } else {
      // Outcome files come after every participant file: the episodes are all known by now.
      if (outcomes === null) episodes.participantsRead();
      outcomes ??= {
        episodes,
        pairs: new PairStore(measures.measures.length, episodes.count),
        measures,
        partnerIds,
        rejectedEpisodes,
        moved,
        displays,
        log,
        scoring,
        matched: input.participants.length > 0,
      };
      mergeOutcomes(rows, index, outcomes);
    }
    if (rows.report !== null) {
      reports[index] = rows.report;
      done(index);
    }
  };
  await readDataFiles(dataFiles, setup, workers, consume, sizes);
  // Inputs found but not read: a postcode directory when no file gives a postcode.
  const unread: IgnoredFile[] = [];
  const directoryReports: FileReport[] = [];
  if (input.postcodes !== null) {
    const directory = input.postcodes;
    if (episodes.postcodes.size === 0) {
      unread.push({ display: directory.display, reason: 'no participant file gives a postcode' });
    } else {
      const read = await readPostcodeDirectory(
        directory,
        aliasesFor(directory),
        log,
        new Set(episodes.postcodes.values),
        options.digests ?? false,
      );
      directoryReports.push(read.report);
      const prefer = input.lsoaImd ? 'lsoa21' : IMD_EDITION_INFO[edition].postcodeColumn;
      resolvePostcodes(episodes, read.areas, deprivation.deciles, prefer, directory.display, log);
    }
  }
  publishCohorts(episodes.cohorts);
  const pairs =
    (outcomes as OutcomeContext | null)?.pairs ??
    new PairStore(measures.measures.length, episodes.count);
  if (outcomes) checkPairOrder(outcomes);
  pairs.releaseSources();
  reports.forEach((report, i) => {
    const count = moved[i] ?? 0;
    report.used -= count;
    report.rejected += count;
  });
  files.push(...reports, ...directoryReports);

  return {
    input,
    config,
    measures,
    partners,
    episodes,
    pairs,
    population,
    deprivationSource,
    files,
    ignored: [...input.ignored, ...unread]
      .map(({ display, reason }) => ({ display, reason }))
      .sort((a, b) => compareText(a.display, b.display)),
    issues,
    errors: issues.errors,
    warnings: issues.warnings,
    scoring,
    totals: {
      participants: sumReports(reports.filter((r) => r.kind === 'participants')),
      outcomes: sumReports(reports.filter((r) => r.kind === 'outcomes')),
    },
  };
}

/**
 * Drops what only reading needed: the participant ids and the indexes from a person to their
 * episodes and from an episode to its pairs (some 40% of a large programme's memory). The
 * analysis needs none of them; call it once the programme is read, before analysing.
 */
export function releaseReadingState(programme: Programme): void {
  programme.episodes.releaseReadingState();
  programme.pairs.releaseIndex();
}

function fileSizes(files: readonly InputFile[]): Promise<number[]> {
  return Promise.all(
    files.map((f) =>
      stat(f.path).then(
        (s) => s.size,
        () => 0,
      ),
    ),
  );
}

/** Reports progress file by file, weighting files by size; does nothing without a listener. */
function progressCounter(
  sizes: readonly number[],
  reports: readonly FileReport[],
  listener: LoadOptions['progress'],
): (index: number) => void {
  if (!listener) return () => undefined;
  const total = sizes.reduce((a, b) => a + b, 0);
  let bytesDone = 0;
  let filesDone = 0;
  let rowsRead = 0;
  return (index) => {
    bytesDone += sizes[index] ?? 0;
    filesDone++;
    rowsRead += reports[index]?.read ?? 0;
    listener({
      filesDone,
      filesTotal: sizes.length,
      rowsRead,
      share: total > 0 ? bytesDone / total : filesDone / sizes.length,
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
 * The deprivation index tides ships, in the edition asked for, with the LSOA codes only the
 * other edition has (to tell a reader whose codes are of the other edition what to set).
 */
async function builtinDeprivation(
  edition: ImdEdition,
  postcodeDirectory: boolean,
): Promise<DeprivationLookup> {
  const other: ImdEdition = edition === '2025' ? '2019' : '2025';
  const [deciles, otherDeciles] = await Promise.all([
    readBuiltinImd(edition),
    readBuiltinImd(other),
  ]);
  const info = IMD_EDITION_INFO[edition];
  const otherInfo = IMD_EDITION_INFO[other];
  return {
    deciles,
    source: `the ${info.name} (${info.lsoas})`,
    otherEdition: {
      codes: new Set([...otherDeciles.keys()].filter((code) => !deciles.has(code))),
      name: `the ${otherInfo.name} (${otherInfo.lsoas})`,
      setting: `"imd_edition": "${other}"`,
    },
    postcodeDirectory,
  };
}
