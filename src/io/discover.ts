import type { Stats } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { FileKind } from '../contract/columns.js';
import { UnusableInputError } from '../errors.js';
import type { IgnoredFile } from '../model/programme.js';
import { describeFileType } from './regularFile.js';
import {
  isSpreadsheetName,
  isWorkbookName,
  readWorkbookDirectory,
  unreadableSpreadsheet,
  WorkbookProblem,
  type WorkbookSheet,
} from './workbookFile.js';

/**
 * The file `tides generate` writes at the top of a programme it made (see `generate/index.ts`):
 * tides' own record, not data, so it is not listed among the files found but not read.
 */
export const GENERATED_MARKER = '.tides-generated';

/**
 * The file `tides template` writes at the top of a template folder (see `io/templateFolder.ts`):
 * the files it wrote and their SHA-256. tides' own record, not data, like the generator's.
 */
export const TEMPLATE_MARKER = '.tides-template';

/** A file tides reads, with its path as the user sees it (relative to the input folder, `/`). */
export interface InputFile {
  readonly path: string;
  readonly display: string;
  readonly kind: FileKind;
  /**
   * The wide layout (config `layouts`) an outcome file is read through, if any; on a participant
   * file, the layout its other reading (as outcomes) uses.
   */
  readonly layout?: string;
  /**
   * The sheet read, for a workbook (`.xlsx`); its display is then `book.xlsx [Sheet]`. A
   * spreadsheet tides cannot read (`.xls`, a damaged workbook) has none: reading it reports why.
   */
  readonly sheet?: string;
}

export interface DiscoveredInput {
  readonly root: string;
  /** Null when the folder has none (a partial delivery: `validate --partners FILE`). */
  readonly partners: InputFile | null;
  readonly participants: readonly InputFile[];
  readonly outcomes: readonly InputFile[];
  readonly population: InputFile | null;
  readonly lsoaImd: InputFile | null;
  /** An ONS postcode directory (NSPL or ONSPD layout), through which postcodes give LSOAs. */
  readonly postcodes: InputFile | null;
  readonly config: { path: string; display: string } | null;
  readonly ignored: readonly NotReadFile[];
}

/** A file found and not read, with its path when it is a regular file (for the config's `files`). */
export interface NotReadFile extends IgnoredFile {
  readonly path?: string;
  /** For a workbook or one of its sheets: the sheet read, and its display, if the config names it. */
  readonly asInput?: { readonly sheet: string; readonly display: string };
}

/**
 * Finds the input files below `root` and classifies them as the README's data contract says:
 * `partners.csv`, `population.csv`, `lsoa_imd.csv`, `postcodes.csv` and `tides.config.json` by name (the one
 * nearest the root wins), `*participants*.csv` and `*outcomes*.csv` by name; every other file is
 * listed as ignored with the reason. Names match case-insensitively; the order is sorted, so
 * results never depend on the file system's listing order.
 *
 * Symbolic links are followed, to folders and to files (a partner's folder linked in from
 * elsewhere is read like any other). A folder reached twice (a link back to a folder above it,
 * or a second link to the same folder) is read once, and a file reached under two names is read
 * once, so a link can neither loop nor count the same records twice. An input that is not a
 * regular file (a FIFO, a socket, a device) is unusable: reading it could block for ever.
 */
export async function discoverInput(root: string): Promise<DiscoveredInput> {
  const rootStat = await stat(root).catch((error: unknown) => error as Error);
  if (rootStat instanceof Error) {
    const code = errorCode(rootStat);
    if (code === 'ENOENT') throw new UnusableInputError(`input folder ${root} does not exist`);
    if (code === 'ELOOP') {
      throw new UnusableInputError(`input folder ${root} is a loop of symbolic links`);
    }
    throw new UnusableInputError(`input folder ${root} cannot be read (${code})`);
  }
  if (!rootStat.isDirectory()) {
    throw new UnusableInputError(`${root} is not a folder but ${describeFileType(rootStat)}`);
  }

  const walked: Walked = {
    files: [],
    special: [],
    ignored: [],
    folders: new Map(),
  };
  walked.folders.set(await realpath(root), '.');
  await walk(root, root, walked);
  const { ignored } = walked;
  const files = uniqueFiles(walked.files, ignored);

  const byName = new Map<string, { path: string; display: string }>();
  const participants: InputFile[] = [];
  const outcomes: InputFile[] = [];
  for (const file of files) {
    const kind = inputKind(file.display);
    if (isSpreadsheetName(file.display)) {
      const found = spreadsheetInputs(file, kind);
      participants.push(...found.inputs.filter((f) => f.kind === 'participants'));
      outcomes.push(...found.inputs.filter((f) => f.kind === 'outcomes'));
      ignored.push(...found.ignored);
    } else if (kind === 'participants') {
      participants.push({ path: file.path, display: file.display, kind });
    } else if (kind === 'outcomes') {
      outcomes.push({ path: file.path, display: file.display, kind });
    } else if (kind !== null) {
      if (byName.has(kind)) {
        ignored.push({
          display: file.display,
          reason: `another ${kind} is nearer the input folder`,
        });
      } else {
        byName.set(kind, { path: file.path, display: file.display });
      }
    } else {
      ignored.push({ display: file.display, reason: notReadReason(file.display), path: file.path });
    }
  }
  for (const entry of walked.special) {
    if (inputKind(entry.display) === null) {
      ignored.push({ display: entry.display, reason: `not a regular file but ${entry.what}` });
    } else {
      throw new UnusableInputError(
        `${join(root, entry.display)} is not a regular file but ${entry.what}; tides reads its inputs only from regular files`,
      );
    }
  }

  const partners = byName.get('partners.csv');
  const byDisplay = (a: InputFile, b: InputFile) => compareText(a.display, b.display);
  const population = byName.get('population.csv');
  const lsoaImd = byName.get('lsoa_imd.csv');
  const postcodeDirectory = byName.get('postcodes.csv');
  return {
    root,
    partners: partners ? { ...partners, kind: 'partners' } : null,
    participants: participants.sort(byDisplay),
    outcomes: outcomes.sort(byDisplay),
    population: population ? { ...population, kind: 'population' } : null,
    lsoaImd: lsoaImd ? { ...lsoaImd, kind: 'lsoa_imd' } : null,
    postcodes: postcodeDirectory ? { ...postcodeDirectory, kind: 'postcodes' } : null,
    config: byName.get('tides.config.json') ?? null,
    ignored: ignored.sort((a, b) => compareText(a.display, b.display)),
  };
}

const SINGLETONS = new Set([
  'partners.csv',
  'population.csv',
  'lsoa_imd.csv',
  'postcodes.csv',
  'tides.config.json',
]);

/**
 * What a file is to tides by its name: a singleton's name, participants, outcomes, or null.
 * Spreadsheets count by name too (`Bridge participants.xlsx`): a workbook's sheets, and whether
 * it can be read at all, are looked at by `spreadsheetInputs`.
 */
function inputKind(display: string): string | null {
  const name = (display.split('/').pop() ?? '').toLowerCase();
  if (SINGLETONS.has(name)) return name;
  if (!name.endsWith('.csv') && !isSpreadsheetName(name)) return null;
  return dataKind(name);
}

/** Participants or outcomes by a file's or a sheet's name (any case), else null. */
function dataKind(name: string): 'participants' | 'outcomes' | null {
  const lower = name.toLowerCase();
  if (lower.includes('participants')) return 'participants';
  if (lower.includes('outcomes')) return 'outcomes';
  return null;
}

/** A workbook's sheet as its display names it: `returns/book.xlsx [Participants]`. */
export function sheetDisplay(book: string, sheet: string): string {
  return `${book} [${sheet}]`;
}

/**
 * The data files a spreadsheet gives, and what of it is not read. A workbook with sheets whose
 * names contain `participants` or `outcomes` is read sheet by sheet; otherwise a workbook whose
 * own name says its kind is read through its first visible sheet. A spreadsheet whose name says
 * its kind but that tides cannot read (a .xls, a password-protected or damaged workbook) is
 * still a data file: reading it reports why, as an error, so that it is never passed over.
 */
function spreadsheetInputs(
  file: { path: string; display: string },
  kind: string | null,
): { inputs: InputFile[]; ignored: NotReadFile[] } {
  const named = kind === 'participants' || kind === 'outcomes' ? kind : null;
  if ((file.display.split('/').pop() ?? '').startsWith('~$')) {
    // Excel's owner file, left beside a workbook while it is open (or after Excel crashed).
    const reason =
      'an Excel lock file (its workbook is open, or Excel closed without tidying up), not data';
    return { inputs: [], ignored: [{ display: file.display, reason }] };
  }
  let sheets: readonly WorkbookSheet[];
  try {
    if (!isWorkbookName(file.display))
      throw new WorkbookProblem(unreadableSpreadsheet(file.display) ?? '');
    sheets = readWorkbookDirectory(file.path).sheets;
  } catch (error) {
    if (named !== null) {
      return { inputs: [{ path: file.path, display: file.display, kind: named }], ignored: [] };
    }
    const why =
      error instanceof WorkbookProblem ? error.message : `it cannot be read (${errorCode(error)})`;
    return {
      inputs: [],
      ignored: [{ display: file.display, reason: `${notReadReason(file.display)}; and ${why}` }],
    };
  }
  const tables = sheets.filter((sheet) => sheet.part !== null);
  const bySheet = tables.filter((sheet) => dataKind(sheet.name) !== null);
  const chosen =
    bySheet.length > 0
      ? bySheet
      : named === null
        ? []
        : [tables.find((sheet) => sheet.state === 'visible') ?? tables[0]].filter(
            (sheet) => sheet !== undefined,
          );
  const inputs: InputFile[] = chosen.map((sheet) => ({
    path: file.path,
    display: sheetDisplay(file.display, sheet.name),
    kind: dataKind(sheet.name) ?? (named as 'participants' | 'outcomes'),
    sheet: sheet.name,
  }));
  if (chosen.length === 0) {
    const first = tables.find((sheet) => sheet.state === 'visible') ?? tables[0];
    const reason =
      first === undefined
        ? 'not read: the workbook has no sheet of cells'
        : `${notReadReason(file.display)}; or name its sheets "Participants" and "Outcomes"`;
    return {
      inputs,
      ignored: [
        {
          display: file.display,
          reason,
          ...(first === undefined
            ? {}
            : {
                path: file.path,
                asInput: { sheet: first.name, display: sheetDisplay(file.display, first.name) },
              }),
        },
      ],
    };
  }
  const why =
    bySheet.length > 0
      ? 'a sheet whose name contains neither "participants" nor "outcomes"'
      : `only the first visible sheet of a workbook named for its ${named} is read`;
  const ignored = sheets
    .filter((sheet) => !chosen.includes(sheet))
    .map((sheet) => {
      const display = sheetDisplay(file.display, sheet.name);
      return sheet.part === null
        ? { display, reason: 'a chart sheet, not a table' }
        : {
            display,
            reason: `not read: ${why}`,
            path: file.path,
            asInput: { sheet: sheet.name, display },
          };
    });
  return { inputs, ignored };
}

interface FoundFile {
  readonly path: string;
  readonly display: string;
  readonly depth: number;
  /** Device and inode: the same for every name of one file (null when unknown). */
  readonly id: string | null;
  /** Whether this name is a symbolic link (the file itself is preferred to a link to it). */
  readonly linked: boolean;
}

interface Walked {
  readonly files: FoundFile[];
  /** Entries that are neither files nor folders (FIFOs, sockets, devices). */
  readonly special: { display: string; what: string }[];
  readonly ignored: NotReadFile[];
  /** Folders read so far, by real path, with the name each was first read under. */
  readonly folders: Map<string, string>;
}

async function walk(root: string, dir: string, walked: Walked): Promise<void> {
  let entries: import('node:fs').Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    const display = toDisplay(root, dir) || '.';
    if (dir === root) {
      throw new UnusableInputError(`input folder ${root} cannot be read (${errorCode(error)})`);
    }
    walked.ignored.push({
      display: `${display}/`,
      reason: `folder cannot be read (${errorCode(error)})`,
    });
    return;
  }
  // Sorted, so that of two names for one folder or file the same one is always read.
  entries.sort((a, b) => compareText(a.name, b.name));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    const display = toDisplay(root, path);
    const info = await stat(path).catch((error: unknown) => error as Error);
    if (info instanceof Error) {
      // An input that cannot be opened (a link to nothing, a loop of links) is read, and reported
      // by the reader as unreadable like any other; anything else is listed as ignored.
      if (inputKind(display) !== null) {
        walked.files.push({ path, display, depth: depth(display), id: null, linked: true });
      } else {
        walked.ignored.push({ display, reason: unreachable(info, entry.isSymbolicLink()) });
      }
    } else if (info.isDirectory()) {
      const real = await realpath(path);
      const first = walked.folders.get(real);
      if (first === undefined) {
        walked.folders.set(real, display);
        await walk(root, path, walked);
      } else {
        walked.ignored.push({
          display: `${display}/`,
          reason: `the same folder as ${first === '.' ? 'the input folder' : `${first}/`}, read once`,
        });
      }
    } else if (info.isFile()) {
      if (dir === root && (entry.name === GENERATED_MARKER || entry.name === TEMPLATE_MARKER)) {
        continue;
      }
      const linked = entry.isSymbolicLink();
      walked.files.push({ path, display, depth: depth(display), id: identity(info), linked });
    } else {
      walked.special.push({ display, what: describeFileType(info) });
    }
  }
}

/**
 * Each file once, under its first name: names that are not links first, then the nearest the
 * root, then in sorted order. The result is nearest the root first (so the nearest singleton wins).
 */
function uniqueFiles(found: FoundFile[], ignored: IgnoredFile[]): FoundFile[] {
  const nearest = (a: FoundFile, b: FoundFile) =>
    a.depth - b.depth || compareText(a.display, b.display);
  const sorted = [...found].sort((a, b) => Number(a.linked) - Number(b.linked) || nearest(a, b));
  const seen = new Map<string, string>();
  const unique: FoundFile[] = [];
  for (const file of sorted) {
    const first = file.id === null ? undefined : seen.get(file.id);
    if (first === undefined) {
      if (file.id !== null) seen.set(file.id, file.display);
      unique.push(file);
    } else {
      ignored.push({ display: file.display, reason: `the same file as ${first}, read once` });
    }
  }
  return unique.sort(nearest);
}

/** Device and inode, or null on a file system without inode numbers. */
function identity(info: Stats): string | null {
  return info.ino === 0 ? null : `${info.dev}:${info.ino}`;
}

function depth(display: string): number {
  return display.split('/').length;
}

function unreachable(error: Error, link: boolean): string {
  const code = errorCode(error);
  if (code === 'ELOOP') return 'a loop of symbolic links';
  if (code === 'ENOENT' && link) return 'a symbolic link to nothing';
  return `cannot be read (${code})`;
}

function toDisplay(root: string, path: string): string {
  return relative(root, path).split(sep).join('/');
}

export function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : error instanceof Error ? error.message : String(error);
}

/** Code-unit order, independent of locale, so sorting is the same on every machine. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The reason a file is not read: with a hint when its name is close to a contract name. */
function notReadReason(display: string): string {
  const name = (display.split('/').pop() ?? '').toLowerCase();
  const csv = name.endsWith('.csv');
  const table = csv || /\.(xlsx|xls|ods|tsv|txt)$/.test(name);
  if (!table) return 'not a file tides reads';
  const rename = (what: string, contract: string) =>
    `not read, though its name suggests ${what}: ${contract}; rename it, or list it under "files" in tides.config.json`;
  if (name.includes('participant') || name.includes('attendee') || name.includes('register')) {
    return rename('participants', 'a participant file\'s name contains "participants"');
  }
  if (name.includes('outcome') || OUTCOME_WORDS.some((word) => name.includes(word))) {
    return rename('outcomes', 'an outcome file\'s name contains "outcomes"');
  }
  if (name.includes('partner'))
    return rename('the partners', 'the partners are read from partners.csv');
  if (name.includes('postcode'))
    return rename('a postcode directory', 'it is read as postcodes.csv');
  if (name.includes('lsoa') || name.includes('imd'))
    return rename('an LSOA lookup', 'it is read as lsoa_imd.csv');
  if (name.includes('population')) return rename('the population', 'it is read as population.csv');
  return csv
    ? 'not a file tides reads (its name matches no file of the data contract)'
    : 'not a file tides reads';
}

/** Words in the names of partners' outcome returns. */
const OUTCOME_WORDS = [
  'wemwbs',
  'swemwbs',
  'warwick',
  'ons4',
  'wellbeing',
  'well-being',
  'score',
  'survey',
  'questionnaire',
];

/**
 * Files the config's `files` block names as participant or outcome files (globs on the path
 * within the folder: `*` and `?` within a folder name, `**` across folders; any case), moved
 * from the files not read to their kind.
 */
export function withFileGlobs(
  input: DiscoveredInput,
  globs: { readonly participants?: readonly string[]; readonly outcomes?: readonly string[] },
): DiscoveredInput {
  const kinds = (['participants', 'outcomes'] as const).map(
    (kind) => [kind, (globs[kind] ?? []).map(globPattern)] as const,
  );
  if (kinds.every(([, patterns]) => patterns.length === 0)) return input;
  const participants = [...input.participants];
  const outcomes = [...input.outcomes];
  const ignored: NotReadFile[] = [];
  for (const file of input.ignored) {
    const match =
      file.path === undefined
        ? undefined
        : kinds.find(([, patterns]) => patterns.some((p) => p.test(file.display)));
    if (match === undefined || file.path === undefined) {
      ignored.push(file);
      continue;
    }
    const list = match[0] === 'participants' ? participants : outcomes;
    list.push({ path: file.path, display: file.display, kind: match[0], ...file.asInput });
  }
  const byDisplay = (a: InputFile, b: InputFile) => compareText(a.display, b.display);
  return {
    ...input,
    participants: participants.sort(byDisplay),
    outcomes: outcomes.sort(byDisplay),
    ignored,
  };
}

/** A glob as a regular expression over a path with `/` between folders, any case. */
export function globPattern(glob: string): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] as string;
    if (c === '*' && glob[i + 1] === '*') {
      const slash = glob[i + 2] === '/';
      source += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (c === '*') source += '[^/]*';
    else if (c === '?') source += '[^/]';
    else source += c.replace(/[\\^$.|+()[\]{}]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 'i');
}

/** The inputs of a programme to read: its partners are known. */
export interface ProgrammeInput extends DiscoveredInput {
  readonly partners: InputFile;
}

/**
 * Checks that a folder holds what a command needs: partners (its partners.csv, or the file given
 * with `--partners`, which then wins), and participant and outcome files; a partial delivery
 * (`validate`) needs only one of the two kinds. Unusable otherwise (exit 2), naming what is
 * missing.
 */
export function requireInputs(
  input: DiscoveredInput,
  root: string,
  options: { readonly partial?: boolean; readonly partners?: InputFile },
): ProgrammeInput {
  const given = options.partners;
  const partners = given ?? input.partners;
  if (partners === null) {
    throw new UnusableInputError(
      options.partial
        ? `no partners.csv in ${root}: give the programme's partners with --partners FILE`
        : `no partners.csv in ${root}`,
    );
  }
  if (options.partial) {
    if (input.participants.length === 0 && input.outcomes.length === 0) {
      throw new UnusableInputError(
        `no participant or outcome files (*participants*.csv, *outcomes*.csv, or .xlsx workbooks so named or with sheets so named) in ${root}`,
      );
    }
  } else {
    if (input.participants.length === 0) {
      throw new UnusableInputError(
        `no participant files (*participants*.csv, or a .xlsx workbook so named or with a sheet so named) in ${root}`,
      );
    }
    if (input.outcomes.length === 0) {
      throw new UnusableInputError(
        `no outcome files (*outcomes*.csv, or a .xlsx workbook so named or with a sheet so named) in ${root}`,
      );
    }
  }
  const shadowed: NotReadFile[] =
    given && input.partners
      ? [{ display: input.partners.display, reason: 'the partners are read from --partners' }]
      : [];
  return {
    ...input,
    partners,
    ignored: [...input.ignored, ...shadowed].sort((a, b) => compareText(a.display, b.display)),
  };
}

/**
 * Outcome files read through a wide layout (config `layouts`): each file a layout's globs name
 * is read as outcomes through it. A file that is also a participant file (one row per person
 * with their details and scores) is read both ways: as outcomes under the name
 * `FILE (wide)`, so that each reading has its own row accounting and messages.
 */
export function withLayouts(
  input: DiscoveredInput,
  layouts: Readonly<Record<string, { readonly files: readonly string[] }>>,
): DiscoveredInput {
  const patterns = Object.entries(layouts).map(
    ([name, layout]) => [name, layout.files.map(globPattern)] as const,
  );
  if (patterns.length === 0) return input;
  // A sheet matches by its own display (`book.xlsx [Scores]`) or its workbook's (`book.xlsx`).
  const layoutOf = (display: string, sheet?: string) => {
    const book = sheet === undefined ? null : display.slice(0, -` [${sheet}]`.length);
    return patterns.find(([, globs]) =>
      globs.some((g) => g.test(display) || (book !== null && g.test(book))),
    )?.[0];
  };
  const outcomes: InputFile[] = [];
  for (const file of input.outcomes) {
    const layout = layoutOf(file.display, file.sheet);
    outcomes.push(layout === undefined ? file : { ...file, layout });
  }
  const participants = input.participants.map((file) => {
    const layout = layoutOf(file.display, file.sheet);
    if (layout === undefined) return file;
    outcomes.push({ ...file, display: `${file.display} (wide)`, kind: 'outcomes', layout });
    return { ...file, layout };
  });
  const ignored: NotReadFile[] = [];
  for (const file of input.ignored) {
    const layout =
      file.path === undefined
        ? undefined
        : layoutOf(file.asInput?.display ?? file.display, file.asInput?.sheet);
    if (layout === undefined || file.path === undefined) ignored.push(file);
    else {
      const display = file.asInput?.display ?? file.display;
      outcomes.push({
        path: file.path,
        display,
        kind: 'outcomes',
        layout,
        ...(file.asInput ? { sheet: file.asInput.sheet } : {}),
      });
    }
  }
  outcomes.sort((a, b) => compareText(a.display, b.display));
  return { ...input, participants, outcomes, ignored };
}
