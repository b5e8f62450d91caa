import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RULES } from '../../src/contract/rules.js';
import {
  type GenerateSummary,
  generateProgramme,
  type PlantedFault,
} from '../../src/generate/index.js';
import { tempFolder } from './helpers.js';

let dir = '';
let remove = async () => {};
let summary: GenerateSummary;
let planted: PlantedFault[];

/** Physical lines of a file (header = line 1), line ends removed. */
async function physicalLines(path: string): Promise<string[]> {
  return (await readFile(join(dir, path), 'utf8')).replace(/\r?\n$/, '').split(/\r?\n/);
}

beforeAll(async () => {
  ({ dir, remove } = await tempFolder());
  summary = await generateProgramme(dir, { partners: 12, participants: 2_000 });
  planted = JSON.parse(await readFile(join(dir, 'planted-faults.json'), 'utf8')) as PlantedFault[];
});

afterAll(async () => {
  await remove();
});

const withRule = () => planted.filter((f) => f.rule !== null);

describe('planted faults', () => {
  it('lists the same faults in planted-faults.json as the summary, with keys in order', () => {
    expect(planted).toEqual(summary.plantedFaults);
    for (const fault of planted) {
      expect(Object.keys(fault)).toEqual(['file', 'line', 'column', 'value', 'rule', 'note']);
    }
  });

  it('plants one of each kind, about 15 in all, each with a rule tides knows', () => {
    const rules = withRule().map((f) => f.rule);
    expect(rules.sort()).toEqual(
      [
        'code.unknown',
        'date.invalid',
        'date.invalid',
        'file.quote_span',
        'item.range',
        'lsoa.malformed',
        'number.range',
        'number.range',
        'outcome.duplicate',
        'outcome.followup_before_baseline',
        'outcome.no_episode',
        'participant.duplicate',
        'partner.unknown',
        'score.range',
        'score.unscorable',
        'score.unscorable',
      ].sort(),
    );
    for (const rule of rules) expect(Object.keys(RULES)).toContain(rule);
  });

  it('puts each value on the line it names', async () => {
    for (const fault of withRule()) {
      const lines = await physicalLines(fault.file);
      const line = lines[(fault.line ?? 0) - 1] ?? '';
      if (fault.column !== null && fault.value !== null) {
        expect(line.split(','), `${fault.file}:${fault.line}`).toContain(fault.value);
      }
    }
  });

  it('plants specific cases the validator must catch', async () => {
    const find = (rule: string) => withRule().find((f) => f.rule === rule) as PlantedFault;
    const values = withRule().map((f) => f.value);
    expect(values).toEqual(
      expect.arrayContaining(['31/02/2017', '2017-13-45', '134', 'X', '11', '6', '12']),
    );

    const duplicate = find('participant.duplicate');
    const lines = await physicalLines(duplicate.file);
    expect(lines[(duplicate.line ?? 0) - 1]).toBe(lines[(duplicate.line ?? 0) - 2]);

    const quote = find('file.quote_span');
    const quoted = await physicalLines(quote.file);
    expect(quoted[(quote.line ?? 0) - 1]).toContain(',"Tuesday group,');
    expect(quoted.length - (quote.line ?? 0)).toBe(20);
    expect(quoted.filter((l) => l.includes('"')).length).toBe(1);

    const unknown = find('partner.unknown');
    expect(unknown.value).toBe('P013');
  });

  it('dates the planted follow-up before its baseline', async () => {
    const fault = withRule().find(
      (f) => f.rule === 'outcome.followup_before_baseline',
    ) as PlantedFault;
    const lines = await physicalLines(fault.file);
    const row = (lines[(fault.line ?? 0) - 1] ?? '').split(',');
    const baseline = lines
      .map((l) => l.split(','))
      .find((r) => r[0] === row[0] && (r[3] === 'baseline' || r[3] === 'pre'));
    expect(baseline).toBeDefined();
    expect((row[4] ?? '') < (baseline?.[4] ?? '')).toBe(true);
  });

  it('writes the format variants: BOM, CRLF, UK dates, aliased headers in the config', async () => {
    const variants = planted.filter((f) => f.rule === null);
    const bom = variants.find((f) => f.note.includes('byte order mark')) as PlantedFault;
    expect([...(await readFile(join(dir, bom.file))).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);

    const crlf = variants.find((f) => f.note.includes('CRLF')) as PlantedFault;
    const text = await readFile(join(dir, crlf.file), 'utf8');
    expect(text.split('\r\n').length).toBe(text.split('\n').length);

    const uk = variants.find(
      (f) => f.value === 'DD/MM/YYYY' && f.column === 'enrolled_on',
    ) as PlantedFault;
    const ukRows = (await physicalLines(uk.file)).slice(1);
    expect(ukRows.filter((l) => /,\d{2}\/\d{2}\/\d{4},/.test(l)).length).toBe(ukRows.length);

    const alias = variants.find((f) => f.value === 'Client Ref') as PlantedFault;
    expect((await physicalLines(alias.file))[0]).toMatch(/^Client Ref,Partner ID,/);
    const config = JSON.parse(await readFile(join(dir, 'tides.config.json'), 'utf8'));
    const partnerId = alias.file.split('/')[0] as string;
    expect(config.partners[partnerId].aliases).toEqual({
      participant_id: ['Client Ref'],
      enrolled_on: ['Start Date'],
      lsoa: ['Postcode LSOA'],
    });
  });

  it('lists every fault in README.md with its file and line', async () => {
    const readme = await readFile(join(dir, 'README.md'), 'utf8');
    for (const fault of withRule()) {
      expect(readme).toContain(`| \`${fault.file}\` | ${fault.line} |`);
    }
  });

  it('plants nothing with faults turned off', async () => {
    const clean = await tempFolder();
    try {
      const result = await generateProgramme(clean.dir, {
        partners: 12,
        participants: 2_000,
        faults: false,
      });
      expect(result.plantedFaults).toEqual([]);
      expect(JSON.parse(await readFile(join(clean.dir, 'planted-faults.json'), 'utf8'))).toEqual(
        [],
      );
      // No aliases without aliased headers; the measures the first dozen partners ask beside
      // wellbeing (P003 work, P009 volunteering and GP appointments); the illustrative value
      // bank is always there.
      const config = JSON.parse(await readFile(join(clean.dir, 'tides.config.json'), 'utf8'));
      expect(Object.keys(config)).toEqual(['programme', 'measures', 'social_value']);
      expect(Object.keys(config.measures)).toEqual(['in_work', 'volunteering', 'gp_visits']);
      expect(config.programme).toBe('Turning Tides (synthetic demo)');
      expect(config.social_value.source).toMatch(/^ILLUSTRATIVE/);
    } finally {
      await clean.remove();
    }
  });
});
