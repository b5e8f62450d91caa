import {
  GROUP_COLUMNS,
  JSON_OUTPUT_REFERENCE,
  OUTPUT_REFERENCE,
  type TableReference,
} from '../metrics/reference.js';

/**
 * The README's "Output reference", rendered from the code's reference (metrics/reference.ts):
 * every column of every published table with its label, unit and rule. The README holds this
 * text between two markers and a test checks that it is exactly what this function renders.
 */
export function outputReferenceMarkdown(): string {
  const lines: string[] = [
    'Grouped tables begin with one column per `--by` dimension, in the order given; their total',
    'rows read `All`:',
    '',
    ...columnTable(GROUP_COLUMNS),
  ];
  for (const table of Object.values(OUTPUT_REFERENCE) as TableReference[]) {
    lines.push(
      '',
      `**\`${table.file}\`**: one row per ${table.row}${table.grouped ? ', after the grouping columns' : ''}.`,
      '',
      ...columnTable(table.columns),
    );
  }
  for (const [file, members] of Object.entries(JSON_OUTPUT_REFERENCE)) {
    lines.push('', `**\`${file}\`** holds, in this order:`, '', '| member | what |', '|---|---|');
    for (const [member, what] of Object.entries(members)) {
      lines.push(`| \`${member}\` | ${cell(what)} |`);
    }
  }
  return `${lines.join('\n')}\n`;
}

function columnTable(
  columns: Readonly<Record<string, { label: string; unit: string; rule: string }>>,
): string[] {
  return [
    '| column | label | unit | rule |',
    '|---|---|---|---|',
    ...Object.entries(columns).map(
      ([name, { label, unit, rule }]) =>
        `| \`${name}\` | ${cell(label)} | ${unit} | ${cell(rule)} |`,
    ),
  ];
}

/** A table cell's text: a `|` would end the cell. */
function cell(text: string): string {
  return text.replaceAll('|', '\\|');
}
