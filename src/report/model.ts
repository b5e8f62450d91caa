import type { Cell, Table } from '../metrics/table.js';
import type { Caution } from './narrative.js';

/** One headline finding, e.g. `{ label: 'Participants reached', value: '1,234' }`. */
export interface HeadlineFinding {
  readonly label: string;
  /** Already formatted, and already disclosure-controlled (e.g. `[c]`). */
  readonly value: string;
  /** An optional short qualifier, e.g. "95% CI 1.8 to 2.9". */
  readonly note?: string;
}

/** One input file's row accounting (counts of records, as `tides validate`). */
export interface DataQualityFile {
  readonly path: string;
  readonly kind: string;
  readonly read: Cell;
  readonly used: Cell;
  readonly rejected: Cell;
}

/** A validation rule and how often it fired, with a hint on how to fix the data. */
export interface DataQualityIssue {
  readonly rule: string;
  readonly count: Cell;
  readonly hint: string;
}

export interface DataQualitySummary {
  readonly files: readonly DataQualityFile[];
  readonly topIssues: readonly DataQualityIssue[];
  /** Files found in the input folder and not read (listed, never silently skipped). */
  readonly ignored?: readonly string[];
}

/** How to label and read a measure in charts. */
export interface MeasureInfo {
  /** The measure's key as in the tables, e.g. `wemwbs`. */
  readonly name: string;
  /** Its display name, e.g. `WEMWBS`. */
  readonly label: string;
  /** Direction of improvement (`ons_anxiety`: false). */
  readonly higherIsBetter: boolean;
  /** The outcome area it is reported under (default `wellbeing`). */
  readonly area?: string;
}

/**
 * Everything the Markdown and HTML reports show. The renderers only lay it out: every table,
 * headline and count must already be disclosure-controlled (`applyDisclosure`), and charts are
 * drawn from the tables found here by name.
 */
export interface ReportModel {
  /** Programme name (from the config), shown as the title. */
  readonly programme: string;
  /** What the document is, after the title (default `evaluation report`). */
  readonly kind?: string;
  readonly toolVersion: string;
  /** A financial year such as `2017-18` when the run was restricted to one (`--period`). */
  readonly period?: string | null;
  /**
   * The period the figures cover, in words: `2016-17 (1 April 2016 to 31 March 2017)` for one
   * year, else the financial years of enrolment (`enrolments from 2015-16 to 2017-18`).
   */
  readonly coverage?: string;
  /** The date the run was made (`4 December 2026`; SOURCE_DATE_EPOCH fixes it). */
  readonly madeOn?: string;
  /** True when disclosure control is off: every output then says NOT FOR PUBLICATION. */
  readonly notForPublication: boolean;
  /** The rule sentence, from `describeDisclosureRule`. */
  readonly disclosure: string;
  /** The rule's min_cell, for the charts' "[c] not shown: fewer than N people"; null when off. */
  readonly minCell: number | null;
  /** Data problems shown at the top (e.g. a broken file and the line where parsing stopped). */
  readonly problems: readonly string[];
  readonly headline: readonly HeadlineFinding[];
  /** The report's opening in words (`narrative.ts`): reach, change, the gap, the design. */
  readonly summary?: readonly string[];
  /** Figures that rest on weak data, and why (`narrative.ts`'s thresholds). */
  readonly cautions?: readonly Caution[];
  /** What the design, the data and the methods cannot tell (Methods: Limitations). */
  readonly limitations?: readonly string[];
  /**
   * Disclosed tables, in the order reach, reach_profile, wellbeing_change, band_change,
   * inequality, inequality_quantiles, cost, data_quality; others are shown under "Further
   * tables".
   */
  readonly tables: readonly Table[];
  /**
   * The programme's primary measure (the config's `primary_measure`): the report charts it; the
   * other measures are in its tables. Default: the first measure of wellbeing_change.
   */
  readonly primaryMeasure?: string;
  /**
   * The file that holds every row of the tables the report shortens (a yearly summary's JSON);
   * by default each table's own CSV file (`reach.csv`).
   */
  readonly wholeTablesIn?: string;
  /** Partner id → name (partners.csv): shown beside the id in the report's tables and charts. */
  readonly partnerNames?: ReadonlyMap<string, string>;
  /** Display names and directions of the measures in the tables; by default the key itself. */
  readonly measures?: readonly MeasureInfo[];
  /** Methods paragraphs (plain text). */
  readonly methods: readonly string[];
  readonly dataQuality: DataQualitySummary;
}

/** The table called `name`, if the model has it. */
export function findTable(model: ReportModel, name: string): Table | undefined {
  return model.tables.find((table) => table.name === name);
}

/** A measure's display name and direction (unknown measures: the key, higher is better). */
export function measureInfo(model: ReportModel, name: string): MeasureInfo & { known: boolean } {
  const found = model.measures?.find((measure) => measure.name === name);
  return found
    ? { ...found, known: true }
    : { name, label: name, higherIsBetter: true, known: false };
}
