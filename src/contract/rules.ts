/**
 * Every validation rule tides applies, with a stable id used in messages, `--json` output,
 * `data_quality.csv` and tests. Each rule has a default severity; an invalid value in an
 * optional column is reported as a warning instead (the value is dropped, the row kept):
 * - `error`: the row (or file) cannot be used as it stands; it is rejected and counted.
 * - `warning`: the row is read, possibly repaired or superseded, and the evaluator is told.
 * A row that is not used is always named by at least one issue (no silent loss).
 */
export type Severity = 'error' | 'warning';

export interface RuleDefinition {
  readonly severity: Severity;
  /** What the partner should do about it: shown by `tides validate` next to the issue. */
  readonly hint: string;
}

export const RULES = {
  // File level
  'file.unreadable': { severity: 'error', hint: 'check the file exists and can be read' },
  'file.empty': { severity: 'error', hint: 'export the file again with its header row' },
  'file.format': {
    severity: 'error',
    hint: 'save the file as an Excel workbook (.xlsx) or as CSV, with no password',
  },
  'sheet.preamble': {
    severity: 'warning',
    hint: 'keep titles and notes out of the table: put the header in the first row',
  },
  'sheet.hidden': {
    severity: 'warning',
    hint: 'hidden rows and sheets are read: unhide them to check them, or delete what should not be sent',
  },
  'cell.merged': {
    severity: 'warning',
    hint: 'unmerge the cells and fill in the value in every row',
  },
  'cell.formula': {
    severity: 'error',
    hint: 'open the workbook in Excel and save it again, so that each formula saves its value',
  },
  'cell.error': {
    severity: 'error',
    hint: 'the cell shows an error (#N/A, #DIV/0!, …): correct the value or its formula',
  },
  'file.parse': {
    severity: 'error',
    hint: 'the CSV is malformed from this line on: look for an unmatched double quote',
  },
  'file.quote_span': {
    severity: 'error',
    hint: 'a double quote opened here is never closed where expected: fix the quoting',
  },
  'encoding.utf16': {
    severity: 'warning',
    hint: 'decoded as UTF-16; save as "CSV UTF-8" next time',
  },
  'encoding.windows1252': {
    severity: 'warning',
    hint: 'not valid UTF-8; decoded as Windows-1252: save as "CSV UTF-8" and check accented text',
  },
  'encoding.binary': {
    severity: 'error',
    hint: 'this is not a text CSV file (binary content): export the data as CSV',
  },
  'header.leading_blank': {
    severity: 'warning',
    hint: 'remove the blank line(s) before the header',
  },
  'header.missing_column': {
    severity: 'error',
    hint: 'add the column, or map the partner’s column name to it with an alias in tides.config.json',
  },
  'header.duplicate_column': {
    severity: 'error',
    hint: 'two columns have the same name: rename or remove one',
  },
  'header.unknown_column': {
    severity: 'warning',
    hint: 'the column is not part of the contract and is ignored; add an alias if it should be used',
  },
  'row.ragged': {
    severity: 'error',
    hint: 'the row has a different number of fields from the header: check for stray commas',
  },
  // Values
  'value.missing': { severity: 'error', hint: 'fill in the required value' },
  'value.invalid_id': {
    severity: 'error',
    hint: 'an identifier is short printable text (no line breaks or control characters)',
  },
  'date.invalid': {
    severity: 'error',
    hint: 'use a real date written YYYY-MM-DD or DD/MM/YYYY',
  },
  'date.future': { severity: 'error', hint: 'the date is after today: check the year' },
  'number.invalid': {
    severity: 'error',
    hint: 'write a plain number (digits, optional decimal point)',
  },
  'number.range': { severity: 'error', hint: 'the value is outside the allowed range' },
  'code.unknown': { severity: 'error', hint: 'use one of the accepted values' },
  'column.mostly_unknown': {
    severity: 'warning',
    hint: 'most values of the column are not codes tides knows: check them, or map them with a recode in tides.config.json',
  },
  'lsoa.malformed': {
    severity: 'warning',
    hint: 'an LSOA code is E01 followed by 6 digits; the deprivation of this person is unknown',
  },
  'lsoa.not_in_lookup': {
    severity: 'warning',
    hint: 'the LSOA is not in the deprivation index (lsoa_imd.csv, or the edition tides ships), so its IMD decile is unknown',
  },
  'lsoa.other_edition': {
    severity: 'warning',
    hint: 'the LSOA codes are of the other edition of the index: set imd_edition in tides.config.json',
  },
  'lsoa.outside_england': {
    severity: 'warning',
    hint: 'areas in Wales, Scotland or Northern Ireland have their own deprivation indices, not comparable with England’s',
  },
  'postcode.malformed': {
    severity: 'warning',
    hint: 'a UK postcode is an outward and an inward code, as AA9A 9AA; the deprivation of this person is unknown',
  },
  'postcode.no_directory': {
    severity: 'warning',
    hint: 'add postcodes.csv (ONS postcode directory: pcds, lsoa21/lsoa11) so postcodes give LSOAs',
  },
  'postcode.not_in_directory': {
    severity: 'warning',
    hint: 'the postcodes are not in postcodes.csv (new, mistyped or terminated): their deprivation is unknown',
  },
  'imd.lsoa_mismatch': {
    severity: 'warning',
    hint: 'imd_decile disagrees with the decile lsoa_imd.csv gives for the LSOA; the recorded imd_decile is used',
  },
  // Cross-record
  'lookup.duplicate': {
    severity: 'error',
    hint: 'each LSOA (or population group) may be listed once',
  },
  'partner.duplicate': {
    severity: 'error',
    hint: 'each partner_id must appear once in partners.csv',
  },
  'value.reserved': {
    severity: 'error',
    hint: 'All names the total rows of every table: rename the partner (a cohort or theme All is renamed for you)',
  },
  'partner.unknown': {
    severity: 'error',
    hint: 'add the partner to partners.csv or correct the id',
  },
  'participant.duplicate': {
    severity: 'warning',
    hint: 'the same row appears twice for this person at this partner; the repeat is ignored',
  },
  'participant.conflict': {
    severity: 'error',
    hint: 'this person has two different rows at this partner: keep one',
  },
  'outcome.no_episode': {
    severity: 'error',
    hint: 'the person has no row at this partner in the participant files',
  },
  'measure.unknown': {
    severity: 'error',
    hint: 'use a known measure name, or define the measure in tides.config.json',
  },
  'timepoint.unknown': {
    severity: 'error',
    hint: 'use baseline or followup (pre/post, start/end and 0/1 are accepted)',
  },
  'score.missing': { severity: 'error', hint: 'give the score or the item responses' },
  'score.invalid': {
    severity: 'error',
    hint: 'the score must be a number (a yes/no measure’s yes or no, a count’s whole number)',
  },
  'score.range': {
    severity: 'error',
    hint: 'the score is outside the measure’s range (a count below 0 or above its max)',
  },
  'score.mismatch': {
    severity: 'warning',
    hint: 'the score does not equal the total of the items; the items are used',
  },
  'item.invalid': { severity: 'error', hint: 'item responses must be whole numbers' },
  'item.range': { severity: 'error', hint: 'the item response is outside the item’s range' },
  'score.unscorable': {
    severity: 'warning',
    hint: 'too many items are missing to score this questionnaire; it is not used',
  },
  'outcome.duplicate': {
    severity: 'warning',
    hint: 'more than one record for this timepoint: tides uses the earliest baseline and the latest follow-up',
  },
  'outcome.followup_before_baseline': {
    severity: 'error',
    hint: 'the follow-up is dated before the baseline: check both dates',
  },
} as const satisfies Record<string, RuleDefinition>;

export type RuleId = keyof typeof RULES;
