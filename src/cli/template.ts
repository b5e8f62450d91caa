import { type Command, InvalidArgumentError } from 'commander';
import { TEMPLATE_FORMATS, type TemplateFormat } from '../api/options.js';
import { visible } from '../visibleText.js';

interface TemplateFlags {
  readonly partner?: string;
  readonly config?: string;
  readonly measures?: readonly string[];
  readonly format: readonly TemplateFormat[];
  readonly force?: boolean;
}

/** `tides template <dir>`: writes templates of a partner's return, from the data contract. */
export function registerTemplate(program: Command): void {
  program
    .command('template')
    .description(
      'write templates of a partner’s return: a workbook with drop-downs and guidance, CSV templates and a Frictionless datapackage.json',
    )
    .argument('<dir>', 'folder to write (created if missing; must be empty unless --force)')
    .option('--partner <id>', 'the partner whose return it is: the only partner_id its files allow')
    .option(
      '--config <file>',
      'the programme’s tides.config.json: its measures and inclusion groups',
    )
    .option(
      '--measures <list>',
      'measures partners send, e.g. wemwbs,ons_life_satisfaction (default: every measure)',
      parseList,
    )
    .option('--format <list>', 'files to write: xlsx,csv,json', parseFormats, [...TEMPLATE_FORMATS])
    .option(
      '--force',
      'replace a template that tides template wrote in <dir> while none of its files has changed; never other folders',
    )
    .addHelpText(
      'after',
      '\nExit codes: 0 written, 2 unusable options, config or folder.\n' +
        'Example: tides template returns/P017 --partner P017 --config data/tides.config.json',
    )
    .action(async (dir: string, flags: TemplateFlags) => {
      const { template } = await import('../api/template.js');
      const result = await template(dir, {
        ...(flags.partner !== undefined && { partner: flags.partner }),
        ...(flags.config !== undefined && { config: flags.config }),
        ...(flags.measures !== undefined && { measures: flags.measures }),
        format: flags.format,
        force: flags.force === true,
      });
      const whose = result.partner === null ? '' : ` for partner ${visible(result.partner)}`;
      const measures = `${result.measures.length} measure${result.measures.length === 1 ? '' : 's'}`;
      process.stdout.write(
        `Wrote a return template${whose} (${measures}) in ${visible(dir)}: ${result.files.map((f) => f.path).join(', ')}\n`,
      );
    });
}

function parseList(value: string): string[] {
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

function parseFormats(value: string): TemplateFormat[] {
  const formats = parseList(value).map((f) => f.toLowerCase());
  for (const f of formats) {
    if (!(TEMPLATE_FORMATS as readonly string[]).includes(f)) {
      throw new InvalidArgumentError(
        `"${f}" is not a template format; use ${TEMPLATE_FORMATS.join(', ')}`,
      );
    }
  }
  if (formats.length === 0) {
    throw new InvalidArgumentError(`name at least one of ${TEMPLATE_FORMATS.join(', ')}`);
  }
  return formats as TemplateFormat[];
}
