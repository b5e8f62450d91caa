import type { TidesConfig } from '../config/types.js';
import { UsageError } from '../errors.js';
import type { WrittenOutput } from '../io/runFolder.js';
import { type TemplateFile, writeTemplateFolder } from '../io/templateFolder.js';
import { loadConfig } from '../load/config.js';
import { csvTemplate } from '../template/csvTemplate.js';
import { dataPackageJson } from '../template/dataPackage.js';
import { type TemplateModel, templateModel } from '../template/model.js';
import { templateWorkbookBytes } from '../template/workbook.js';
import { sourceDateEpoch } from './clock.js';
import { TEMPLATE_FORMATS, type TemplateFormat } from './options.js';

/** The workbook's name in the template folder. */
export const TEMPLATE_WORKBOOK = 'return.xlsx';
/** The Data Package descriptor's name (the name the Data Package standard gives it). */
export const TEMPLATE_DATA_PACKAGE = 'datapackage.json';

/** The options of {@link template}. */
export interface TemplateOptions {
  /** The partner whose return it is: the only partner_id its files allow. */
  readonly partner?: string;
  /** A tides.config.json whose measures and inclusion groups the template offers. */
  readonly config?: string;
  /** The measures partners may send (default: every measure, built in or in the config). */
  readonly measures?: readonly string[];
  /** The files to write (default all): `xlsx`, `csv`, `json`. */
  readonly format?: readonly TemplateFormat[];
  /** Replace a template that `template` wrote in the folder, if none of its files has changed. */
  readonly force?: boolean;
}

/** What `template` wrote. */
export interface TemplateResult {
  readonly partner: string | null;
  /** The measures the template offers, by id. */
  readonly measures: readonly string[];
  /** Each file written, with its size and SHA-256, in the order written. */
  readonly files: readonly WrittenOutput[];
}

/**
 * The time the workbook records when `SOURCE_DATE_EPOCH` is not set: 1980-01-01, the earliest a
 * ZIP archive can hold. A template depends on its options alone, never on when it was made.
 */
const NO_DATE = Date.UTC(1980, 0, 1);

/**
 * Writes templates of a programme's returns into `dir`, as `tides template` does: the partner's
 * return as a workbook (`return.xlsx`: sheets Participants and Outcomes with drop-downs and
 * checks, and a Guidance sheet), a CSV template (header row) for every file of the data contract,
 * and a Frictionless Data Package descriptor (`datapackage.json`) with a Table Schema for each.
 * All are made from the contract's own definitions (and the config's measures and inclusion
 * groups); the same options give byte-identical files.
 *
 * @throws {UsageError} for a bad option, or a folder it may not write (not empty, without
 *   `force`; or, with `force`, not a template, or one whose files have changed), and
 *   {@link UnusableInputError} for a config that cannot be used or a folder that cannot be written
 */
export async function template(
  dir: string,
  options: TemplateOptions = {},
): Promise<TemplateResult> {
  if (typeof dir !== 'string' || dir.trim() === '') {
    throw new UsageError('the template folder is required');
  }
  const formats = checkFormats(options.format ?? TEMPLATE_FORMATS);
  const config: TidesConfig = options.config
    ? await loadConfig(options.config, options.config)
    : {};
  const model = templateModel(config, {
    ...(options.partner !== undefined && { partner: options.partner }),
    ...(options.measures !== undefined && { measures: options.measures }),
  });
  const files = await templateFiles(model, formats);
  const written = await writeTemplateFolder(dir, files, {
    force: options.force === true,
    own: new Set(ownNames(model)),
  });
  return { partner: model.partner, measures: model.measures.map((m) => m.id), files: written };
}

/** The template's files, in the order written. */
async function templateFiles(
  model: TemplateModel,
  formats: ReadonlySet<TemplateFormat>,
): Promise<TemplateFile[]> {
  const files: TemplateFile[] = [];
  if (formats.has('xlsx')) {
    const epoch = sourceDateEpoch();
    const date = new Date(epoch === null ? NO_DATE : epoch * 1000);
    files.push({ name: TEMPLATE_WORKBOOK, bytes: await templateWorkbookBytes(model, date) });
  }
  if (formats.has('csv')) {
    for (const table of model.tables) {
      files.push({ name: table.file, bytes: Buffer.from(csvTemplate(table), 'utf8') });
    }
  }
  if (formats.has('json')) {
    files.push({ name: TEMPLATE_DATA_PACKAGE, bytes: Buffer.from(dataPackageJson(model), 'utf8') });
  }
  return files;
}

/** Every name a template may write: what `--force` may replace. */
function ownNames(model: TemplateModel): string[] {
  return [TEMPLATE_WORKBOOK, ...model.tables.map((t) => t.file), TEMPLATE_DATA_PACKAGE];
}

function checkFormats(formats: readonly string[]): ReadonlySet<TemplateFormat> {
  if (formats.length === 0) throw new UsageError('format: name at least one of xlsx, csv, json');
  for (const f of formats) {
    if (!(TEMPLATE_FORMATS as readonly string[]).includes(f)) {
      throw new UsageError(`"${f}" is not a template format; use ${TEMPLATE_FORMATS.join(', ')}`);
    }
  }
  return new Set(formats as TemplateFormat[]);
}
