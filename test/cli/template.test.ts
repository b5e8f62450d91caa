import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { template } from '../../src/api/template.js';
import { runTides } from '../helpers/cli.js';
import { hashes } from '../helpers/hashes.js';

function folder(): string {
  return join(mkdtempSync(join(tmpdir(), 'tides-template-cli-')), 'returns');
}

describe('tides template (built binary)', () => {
  it('writes the templates, names them, and writes what the API writes, byte for byte', async () => {
    const dir = folder();
    const r = runTides(['template', dir, '--partner', 'P017', '--measures', 'wemwbs,ons_anxiety']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      `Wrote a return template for partner P017 (2 measures) in ${dir}: return.xlsx, partners.csv, participants.csv, outcomes.csv, population.csv, lsoa_imd.csv, datapackage.json\n`,
    );
    const api = folder();
    await template(api, { partner: 'P017', measures: ['wemwbs', 'ons_anxiety'] });
    expect(hashes(dir)).toEqual(hashes(api));
  });

  it('writes byte-identical files run after run', () => {
    const config = join(mkdtempSync(join(tmpdir(), 'tides-template-cli-')), 'tides.config.json');
    writeFileSync(config, JSON.stringify({ inclusion_groups: ['homeless'] }));
    const first = folder();
    const second = folder();
    expect(runTides(['template', first, '--config', config]).code).toBe(0);
    expect(runTides(['template', second, '--config', config]).code).toBe(0);
    expect(Object.keys(hashes(first))).toHaveLength(8);
    expect(hashes(second)).toEqual(hashes(first));
  });

  it('writes only the formats asked for', () => {
    const dir = folder();
    const r = runTides(['template', dir, '--format', 'csv,json']);
    expect(r.code).toBe(0);
    expect(Object.keys(hashes(dir))).toEqual([
      '.tides-template',
      'datapackage.json',
      'lsoa_imd.csv',
      'outcomes.csv',
      'participants.csv',
      'partners.csv',
      'population.csv',
    ]);
  });

  it('refuses a folder that is not empty (exit 2), and a filled-in template even with --force', () => {
    const dir = folder();
    expect(runTides(['template', dir, '--format', 'csv']).code).toBe(0);
    const again = runTides(['template', dir]);
    expect(again.code).toBe(2);
    expect(again.stderr).toBe(
      `tides: ${dir} is not empty: choose an empty folder, or use --force to replace a template that tides template wrote there\n`,
    );
    expect(runTides(['template', dir, '--force']).code).toBe(0);
    const participants = join(dir, 'participants.csv');
    writeFileSync(participants, `${readFileSync(participants, 'utf8')}A1,P017,,2017-04-03\n`);
    const filled = runTides(['template', dir, '--force']);
    expect(filled.code).toBe(2);
    expect(filled.stderr).toMatch(/participants\.csv has changed since tides template wrote it/);
    expect(readFileSync(participants, 'utf8')).toMatch(/A1,P017/);
  });

  it('refuses bad options with exit 2', () => {
    const format = runTides(['template', folder(), '--format', 'pdf']);
    expect(format.code).toBe(2);
    expect(format.stderr).toMatch(/"pdf" is not a template format; use xlsx, csv, json/);
    const measure = runTides(['template', folder(), '--measures', 'gad7']);
    expect(measure.code).toBe(2);
    expect(measure.stderr).toMatch(/"gad7" is not a measure; use wemwbs/);
    const partner = runTides(['template', folder(), '--partner', 'All']);
    expect(partner.code).toBe(2);
    expect(partner.stderr).toMatch(/--partner cannot be All/);
  });
});
