import { audit } from '../api/audit.js';
import type { UnprotectedCount } from '../disclosure/audit.js';
import type { Publication, PublishedTable } from '../disclosure/publication.js';
import { EXIT, type ExitCode } from '../errors.js';
import { isMark } from '../metrics/table.js';
import { jsonText, visible } from '../visibleText.js';

/** Where a published cell is: `reach_profile.csv line 3844, column count`. */
function cellPlace(publication: Publication, finding: UnprotectedCount): string {
  if (finding.cells.length === 0) return `implied: ${finding.implied ?? finding.variable}`;
  return finding.cells
    .map((cell) => {
      const published = publication.tables[cell.table] as PublishedTable;
      const row = published.table.rows[cell.row] ?? {};
      const labels = published.table.columns
        .filter((c) => c.kind === 'text' || published.context.by.includes(c.name))
        .filter((c) => typeof row[c.name] === 'string' && row[c.name] !== '')
        .slice(0, 4)
        .map((c) => `${c.name} ${visible(String(row[c.name]))}`);
      const where = published.source.endsWith('.csv')
        ? `${visible(published.source)} line ${cell.row + 2}`
        : `${visible(published.source)} row ${cell.row + 1}`;
      return `${where} (${labels.join(', ')}), column ${cell.column}`;
    })
    .join('; and ');
}

function rangeText(finding: UnprotectedCount): string {
  if (finding.shown) return `published as ${finding.min}, below min_cell`;
  if (finding.undecided) return 'not shown to be protected (the solver gave no answer)';
  return finding.min === finding.max
    ? `can be worked out exactly: ${finding.min}`
    : `can be pinned to ${finding.min}–${finding.max}`;
}

/** `tides audit DIR...`: prints each unprotected count; exit 1 when there is one. */
export async function runAudit(
  folders: readonly string[],
  cli: AuditCliOptions,
): Promise<ExitCode> {
  const {
    publication,
    folders: read,
    result,
  } = await audit(folders, {
    ...(cli.minCell === undefined ? {} : { minCell: cli.minCell }),
    ...(cli.roundTo === undefined ? {} : { roundTo: cli.roundTo }),
  });
  if (result.contradictions.length > 0) {
    const c = result.contradictions[0];
    const cells = (c?.cells ?? [])
      .slice(0, 3)
      .map((cell) =>
        visible(`${publication.tables[cell.table]?.source} row ${cell.row + 1} ${cell.column}`),
      )
      .join(', ');
    process.stderr.write(
      `tides: the published figures contradict each other (${visible(`${c?.reason}`)}: ${cells}): are these folders from the same data and the same version of tides? Nothing was audited.\n`,
    );
    return EXIT.unusable;
  }
  const hiddenCells = publication.tables.reduce(
    (n, t) =>
      n +
      t.table.rows.reduce(
        (m, row) => m + Object.values(row).filter((v) => isMark(v) && v.mark === 'c').length,
        0,
      ),
    0,
  );
  if (cli.json) {
    const json = {
      folders: read.map((f) => ({ folder: f.folder, files: f.files })),
      rule: { min_cell: publication.rule.minCell, round_to: publication.rule.roundTo },
      hidden_counts: result.hidden,
      unprotected: result.unprotected.map((finding) => ({
        cells: finding.cells.map((cell) => ({
          source: publication.tables[cell.table]?.source,
          row: cell.row + 1,
          column: cell.column,
        })),
        implied: finding.implied ?? null,
        shown: finding.shown ?? false,
        min: finding.min,
        max: finding.max,
      })),
    };
    process.stdout.write(`${jsonText(json, 2)}\n`);
  } else {
    const lines = [
      `Audited ${read.reduce((n, f) => n + f.files.length, 0)} files in ${read.map((f) => visible(f.folder)).join(', ')} (min_cell ${publication.rule.minCell}${publication.rule.roundTo === null ? '' : `, counts rounded to ${publication.rule.roundTo}`}): ${result.hidden} hidden counts (${hiddenCells} [c] cells).`,
    ];
    if (result.unprotected.length === 0) {
      lines.push(
        'Every hidden count is protected: none can be pinned to fewer than min_cell people.',
      );
    } else {
      lines.push(`${result.unprotected.length} count(s) are NOT protected:`);
      for (const finding of result.unprotected) {
        lines.push(`  ${cellPlace(publication, finding)}: ${rangeText(finding)}`);
      }
    }
    process.stdout.write(`${lines.join('\n')}\n`);
  }
  return result.unprotected.length === 0 ? EXIT.ok : EXIT.dataErrors;
}

export interface AuditCliOptions {
  readonly json?: boolean;
  readonly minCell?: number;
  readonly roundTo?: number;
}
