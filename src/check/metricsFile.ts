import { UnusableInputError } from '../errors.js';
import { parseJsonText } from '../io/jsonParse.js';
import { emptyRecord } from '../ownKeys.js';

/** The `metrics.json` schema versions `tides check` reads (the README's data contract). */
export const SUPPORTED_SCHEMA_VERSIONS: readonly number[] = [1];

/** A cell of a metrics table: a full-precision number, text, or null (suppressed or not available). */
export type MetricCell = number | string | null;

export type MetricRow = Readonly<Record<string, MetricCell>>;

/** The parts of `metrics.json` that `tides check` reads. */
export interface MetricsFile {
  readonly schemaVersion: number;
  readonly toolVersion: string | null;
  readonly options: Readonly<Record<string, unknown>>;
  readonly rowAccounting: Readonly<Record<string, unknown>> | null;
  /** Tables in file order. */
  readonly tables: readonly MetricsTable[];
}

export interface MetricsTable {
  readonly name: string;
  readonly rows: readonly MetricRow[];
}

/**
 * Reads the text of a `metrics.json` written by `tides analyse`. Anything that is not such a
 * file (not JSON, no `schema_version`, an unsupported version, `tables` that are not arrays of
 * row objects) is unusable input; the message names `label` (the file as the user gave it).
 * Cells that are neither number, text nor null (never written by tides) are kept as their JSON
 * text, so they are still compared exactly.
 */
export function parseMetricsFile(text: string, label: string): MetricsFile {
  const value = parseJsonText(text, label);
  if (!isObject(value)) throw unusable(label, 'not a metrics.json object');
  const version = value.schema_version;
  if (version === undefined) {
    throw unusable(label, 'no schema_version: not a metrics.json written by tides analyse');
  }
  if (typeof version !== 'number' || !SUPPORTED_SCHEMA_VERSIONS.includes(version)) {
    throw unusable(
      label,
      `schema_version ${JSON.stringify(version)} is not supported (tides check reads ${SUPPORTED_SCHEMA_VERSIONS.join(', ')})`,
    );
  }
  if (!isObject(value.options)) throw unusable(label, '"options" is missing or not an object');
  if (!isObject(value.tables)) throw unusable(label, '"tables" is missing or not an object');
  const tables = Object.entries(value.tables).map(([name, rows]) => readTable(name, rows, label));
  const tool =
    isObject(value.tool) && typeof value.tool.version === 'string' ? value.tool.version : null;
  return {
    schemaVersion: version,
    toolVersion: tool,
    options: value.options,
    rowAccounting: isObject(value.row_accounting) ? value.row_accounting : null,
    tables,
  };
}

function readTable(name: string, rows: unknown, label: string): MetricsTable {
  if (!Array.isArray(rows)) throw unusable(label, `table "${name}" is not an array of rows`);
  return {
    name,
    rows: rows.map((row, index) => {
      if (!isObject(row)) {
        throw unusable(label, `table "${name}" row ${index + 1} is not an object`);
      }
      const cells = emptyRecord<MetricCell>();
      for (const [column, cell] of Object.entries(row)) cells[column] = asCell(cell);
      return cells;
    }),
  };
}

function asCell(value: unknown): MetricCell {
  if (value === null || typeof value === 'string') return value;
  if (typeof value === 'number') return value;
  return JSON.stringify(value);
}

function unusable(label: string, why: string): UnusableInputError {
  return new UnusableInputError(`${label}: ${why}`);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
