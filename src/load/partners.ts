import { PARTNER_TYPE, TOTAL_LABEL } from '../contract/codes.js';
import type { IssueLog } from '../contract/issues.js';
import type { Partner } from '../contract/records.js';
import { parseCode, parseNumber } from '../contract/values.js';
import type { InputFile } from '../io/discover.js';
import type { FileReport } from '../model/programme.js';
import { readCategory } from './categories.js';
import { checkId } from './ids.js';
import type { Recodes } from './recode.js';
import { readTable } from './table.js';

export interface PartnersTable {
  readonly partners: readonly Partner[];
  readonly report: FileReport;
}

/** Reads partners.csv: one row per partner, partner_id unique. */
export async function readPartners(
  file: InputFile,
  aliases: ReadonlyMap<string, string>,
  log: IssueLog,
  recodes: Recodes | null = null,
): Promise<PartnersTable> {
  const partners: Partner[] = [];
  const firstLine = new Map<string, number>();
  const report = await readTable(
    file,
    aliases,
    log,
    (row) => {
      const id = checkId(row, 'partner_id');
      const name = row.get('partner_name');
      if (name === '') {
        row.issue({
          column: 'partner_name',
          rule: 'value.missing',
          message: 'partner_name is empty',
        });
      }
      let type: Partner['type'] = null;
      const typeText = row.get('partner_type');
      if (typeText !== '') {
        const parsed = parseCode(typeText, PARTNER_TYPE);
        if (parsed.ok) type = parsed.value;
        else {
          row.issue({
            column: 'partner_type',
            value: typeText,
            rule: 'code.unknown',
            severity: 'warning',
            message: `partner_type is ${parsed.reason}; it is treated as not given`,
          });
        }
      }
      let fundingGbp: number | null = null;
      const fundingText = row.get('funding_gbp');
      if (fundingText !== '') {
        const parsed = parseNumber(fundingText, { allowGrouping: true });
        if (!parsed.ok || parsed.value < 0) {
          row.issue({
            column: 'funding_gbp',
            value: fundingText,
            rule: parsed.ok ? 'number.range' : 'number.invalid',
            severity: 'warning',
            message: `funding_gbp must be an amount ≥ 0; it is treated as not given`,
          });
        } else {
          fundingGbp = parsed.value;
        }
      }
      if (id === TOTAL_LABEL) {
        row.issue({
          column: 'partner_id',
          value: id,
          rule: 'value.reserved',
          message: `partner_id ${TOTAL_LABEL} names the total rows of every table, so no partner may take it; this partner is rejected (rename it in partners.csv and the data files)`,
        });
      }
      if (id !== null) {
        const seen = firstLine.get(id);
        if (seen !== undefined) {
          row.issue({
            column: 'partner_id',
            value: id,
            rule: 'partner.duplicate',
            message: `partner ${id} is already defined on line ${seen}; this row is rejected`,
          });
        }
      }
      if (row.errors > 0 || id === null) return false;
      firstLine.set(id, row.line);
      partners.push({ id, name, type, theme: readCategory(row, 'theme') || null, fundingGbp });
      return true;
    },
    { recodes },
  );
  return { partners, report };
}
