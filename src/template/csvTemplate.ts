import type { TemplateTable } from './model.js';

/**
 * A file's CSV template: its header row alone (an example row would be read as a record if a
 * partner left it in). The columns' meanings and accepted values are in `datapackage.json`.
 */
export function csvTemplate(table: TemplateTable): string {
  return `${table.fields.map((f) => f.name).join(',')}\n`;
}
