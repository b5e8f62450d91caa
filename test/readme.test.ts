import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyse } from '../src/api/analyse.js';
import { summarise } from '../src/api/summarise.js';
import { buildProgram } from '../src/cli/main.js';
import { CONFIG_KEYS, validateConfig } from '../src/config/validateConfig.js';
import { COLUMNS, ITEM_COLUMNS } from '../src/contract/columns.js';
import { RULES } from '../src/contract/rules.js';
import { EXIT } from '../src/errors.js';
import { JSON_OUTPUT_REFERENCE, OUTPUT_REFERENCE } from '../src/metrics/reference.js';
import { outputReferenceMarkdown } from '../src/report/outputReference.js';
import { SMALL_PROGRAMME, writeProgramme } from './helpers/programme.js';

/**
 * The README is the package's reference (users never see the project's design notes): what it
 * says of the contract, the rules, the exit codes, the configuration, the options and the
 * outputs is checked here against the code, so the two cannot drift apart.
 */
const README_PATH = 'README.md';
const readme = readFileSync(README_PATH, 'utf8');

/** The text of a README section: from its heading to the next heading of the same level or higher. */
function section(heading: string): string {
  const start = readme.indexOf(`\n${heading}\n`);
  expect(start, heading).toBeGreaterThanOrEqual(0);
  const level = heading.indexOf(' ');
  const rest = readme.slice(start + heading.length + 2);
  const next = rest.search(new RegExp(`\\n#{1,${level}} `));
  return next < 0 ? rest : rest.slice(0, next);
}

/** The first cells of a Markdown table's rows, after its header. */
function firstCells(text: string, header: string): string[][] {
  const start = text.indexOf(header);
  expect(start, header).toBeGreaterThanOrEqual(0);
  const rows: string[][] = [];
  for (const line of text.slice(start).split('\n').slice(2)) {
    if (!line.startsWith('|')) break;
    rows.push(line.split(' | ').map((c) => c.replace(/^\| |\|$/g, '').trim()));
  }
  return rows;
}

describe('the README', () => {
  it('holds the output reference exactly as the code renders it (npm run docs rewrites it)', () => {
    const begin = '<!-- output-reference:begin -->\n';
    const end = '<!-- output-reference:end -->';
    const from = readme.indexOf(begin);
    const to = readme.indexOf(end);
    expect(from).toBeGreaterThan(0);
    const rendered = outputReferenceMarkdown();
    if (process.env.TIDES_UPDATE_DOCS === '1') {
      writeFileSync(
        README_PATH,
        readme.slice(0, from + begin.length) + rendered + readme.slice(to),
      );
      return;
    }
    expect(readme.slice(from + begin.length, to)).toBe(rendered);
  });

  it('lists every output table in its table of outputs', () => {
    const outputs = section('## Outputs');
    for (const { file } of Object.values(OUTPUT_REFERENCE))
      expect(outputs).toContain(`\`${file}\``);
  });

  it('lists every validation rule with its severity, and no other', () => {
    const rows = firstCells(section('### Validation rules'), '| rule | severity | when |');
    const listed = new Map(rows.map(([id, severity]) => [id?.replaceAll('`', ''), severity]));
    expect([...listed.keys()].sort()).toEqual(Object.keys(RULES).sort());
    for (const [id, { severity }] of Object.entries(RULES)) {
      // "error / warning": an error in a required column, a warning in an optional one.
      expect(listed.get(id)?.split(' / '), id).toContain(severity);
    }
  });

  it('lists every exit code, and no other', () => {
    const rows = firstCells(section('## Exit codes'), '| code | meaning |');
    expect([...new Set(rows.map(([code]) => Number(code)))].sort()).toEqual(
      Object.values(EXIT).sort(),
    );
  });

  it('names every column of the data contract, starring the required ones', () => {
    const paragraph = section('## The data contract, as implemented');
    const columns = paragraph.slice(
      paragraph.indexOf('**Columns.**'),
      paragraph.indexOf('(* required)'),
    );
    for (const kind of ['partners', 'participants', 'outcomes'] as const) {
      for (const { name, required } of COLUMNS[kind]) {
        if (ITEM_COLUMNS.includes(name) && name !== 'item_1' && name !== 'item_14') continue;
        const mention = new RegExp(`\`${name}\`(\\*)?`).exec(columns);
        expect(mention, `${kind}.${name}`).not.toBeNull();
        expect(mention?.[1] === '*', `${kind}.${name} required`).toBe(required);
      }
    }
  });

  it('shows a configuration example that tides accepts, with every key', () => {
    const config = section('### Configuration: `tides.config.json`');
    const json = /```json\n([\s\S]*?)\n```/.exec(config)?.[1] as string;
    const example = JSON.parse(json) as Record<string, unknown>;
    expect(() => validateConfig(example, 'README example')).not.toThrow();
    const keys = [...CONFIG_KEYS].filter((key) => key !== '$schema');
    expect(Object.keys(example).sort()).toEqual(keys.sort());
  });

  it('mentions every option of every command', () => {
    const commands = section('## Commands');
    for (const command of buildProgram().commands) {
      expect(commands, command.name()).toContain(`tides ${command.name()}`);
      for (const option of command.options) {
        // --no-suppress is the negation commander reads as `suppress`; its long flag is literal.
        expect(readme, `${command.name()} ${option.long}`).toContain(option.long as string);
      }
    }
  });

  it('describes every member of the JSON files a run writes, in order', async () => {
    const data = writeProgramme(SMALL_PROGRAMME);
    const out = mkdtempSync(join(tmpdir(), 'tides-readme-'));
    const quiet = { suppress: false, siiSimulations: 1000 };
    await analyse(data, { ...quiet, by: ['partner_id'], out });
    await summarise(data, { ...quiet, year: '2016-17', out });
    const members = (file: string) =>
      Object.keys(JSON.parse(readFileSync(join(out, file), 'utf8')));
    expect(members('metrics.json')).toEqual(Object.keys(JSON_OUTPUT_REFERENCE['metrics.json']));
    expect(members('manifest.json')).toEqual(Object.keys(JSON_OUTPUT_REFERENCE['manifest.json']));
    expect(members('summary-2016-17.json')).toEqual(
      Object.keys(JSON_OUTPUT_REFERENCE['summary-YEAR.json']),
    );
  });
});
