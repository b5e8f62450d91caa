import { cp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterEach, describe, expect, it } from 'vitest';
import { registerGenerate } from '../../src/cli/generate.js';
import { UsageError } from '../../src/errors.js';
import { parseIsoDay } from '../../src/generate/dates.js';
import { generateProgramme } from '../../src/generate/index.js';
import { GENERATE_DEFAULTS, resolveGenerateOptions } from '../../src/generate/options.js';
import { discoverInput, GENERATED_MARKER } from '../../src/io/discover.js';
import { hashTree, tempFolder } from './helpers.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((f) => f()));
});

async function folder(): Promise<string> {
  const f = await tempFolder();
  cleanups.push(f.remove);
  return f.dir;
}

describe('resolveGenerateOptions', () => {
  const now = parseIsoDay('2025-01-01') as number;

  it('defaults to Turning Tides: 88 partners, 50,000 people, April 2015 to March 2018', () => {
    const options = resolveGenerateOptions({}, now);
    expect(options).toMatchObject({ ...GENERATE_DEFAULTS });
    expect(options.toDay - options.fromDay).toBe(1095);
  });

  it.each([
    [{ partners: 0 }, /partners must be a whole number from 1/],
    [{ participants: 1.5 }, /participants must be a whole number/],
    [{ partners: 20, participants: 10 }, /participants \(10\) must be at least partners \(20\)/],
    [{ seed: -1 }, /seed must be a whole number/],
    [{ from: '2017-02-31' }, /from must be a real date/],
    [{ to: '31/03/2018' }, /to must be a real date/],
    [{ from: '2018-01-01', to: '2017-01-01' }, /must be after from/],
    [{ to: '2030-01-01' }, /in the future/],
  ])('rejects %o with a UsageError naming the option', (options, message) => {
    expect(() => resolveGenerateOptions(options, now)).toThrow(UsageError);
    expect(() => resolveGenerateOptions(options, now)).toThrow(message);
  });
});

describe('generateProgramme folders', () => {
  it('refuses a folder that is not empty, unless forced', async () => {
    const dir = await folder();
    await generateProgramme(dir, { partners: 4, participants: 30 });
    await writeFile(join(dir, 'notes.txt'), 'keep me');
    await expect(generateProgramme(dir, { partners: 3, participants: 30 })).rejects.toThrow(
      /not empty/,
    );
    await mkdir(join(dir, 'P009'));
    await generateProgramme(dir, { partners: 3, participants: 30, force: true });
    const entries = await readdir(dir);
    // Old partner folders are replaced; files that are not ours are left alone.
    expect(entries).toContain('notes.txt');
    expect(entries).not.toContain('P009');
    expect(entries).not.toContain('P004');
    expect(entries).toEqual(
      expect.arrayContaining(['P001', 'P002', 'P003', 'partners.csv', GENERATED_MARKER]),
    );
  });

  it('never replaces, even forced, a folder that generate did not make (no marker file)', async () => {
    const dir = await folder();
    await cp(join('test', 'corpus', 'programme'), dir, { recursive: true });
    const before = await hashTree(dir);
    const forced = generateProgramme(dir, { partners: 3, participants: 30, force: true });
    await expect(forced).rejects.toThrow(UsageError);
    await expect(
      generateProgramme(dir, { partners: 3, participants: 30, force: true }),
    ).rejects.toThrow(
      `${dir} was not made by tides generate (it has no .tides-generated file), so --force does not replace it: choose an empty folder`,
    );
    expect(await hashTree(dir)).toEqual(before);
  });

  it('writes the marker first, so that a generate stopped part-way can be forced again', async () => {
    const dir = await folder();
    await generateProgramme(dir, { partners: 3, participants: 30 });
    await rm(join(dir, 'README.md'));
    await rm(join(dir, 'P002'), { recursive: true });
    await generateProgramme(dir, { partners: 3, participants: 30, force: true });
    expect((await readFile(join(dir, GENERATED_MARKER), 'utf8')).split('\n')[0]).toBe(
      'This folder was written by `tides generate`: a synthetic programme, not real data.',
    );
    expect(await readdir(dir)).toEqual(expect.arrayContaining(['README.md', 'P002']));
    // The marker is tides' own record, not a file found but not read.
    const input = await discoverInput(dir);
    expect(input.ignored.map((f) => f.display)).toEqual(['README.md', 'planted-faults.json']);
  });

  it('generates any size down to one person per partner', async () => {
    const summary = await generateProgramme(await folder(), { partners: 5, participants: 5 });
    expect(summary.participants).toBe(5);
    expect(summary.partnerEpisodes.every((n) => n >= 1)).toBe(true);
  });

  it('cycles through the catalogue beyond 88 partners', async () => {
    const summary = await generateProgramme(await folder(), {
      partners: 100,
      participants: 3_000,
      faults: false,
    });
    expect(summary.partners).toBe(100);
  });
});

describe('tides generate (command)', () => {
  function program(): Command {
    const p = new Command('tides').exitOverride();
    p.configureOutput({ writeErr: () => undefined, writeOut: () => undefined });
    registerGenerate(p);
    return p;
  }

  it.each([
    ['--participants', 'lots'],
    ['--partners', '-3'],
    ['--seed', '1e5'],
  ])('turns a bad %s value into a UsageError', async (flag, value) => {
    const dir = await folder();
    await expect(
      program().parseAsync(['generate', dir, flag, value], { from: 'user' }),
    ).rejects.toThrow(UsageError);
  });

  it('passes a bad date on to the generator, which names it', async () => {
    const dir = await folder();
    await expect(
      program().parseAsync(['generate', dir, '--from', '2015-13-01'], { from: 'user' }),
    ).rejects.toThrow(/from must be a real date/);
  });

  it('writes a programme and a one-line summary', async () => {
    const dir = await folder();
    const out: string[] = [];
    const write = process.stdout.write;
    process.stdout.write = ((chunk: string) => {
      out.push(chunk);
      return true;
    }) as typeof process.stdout.write;
    try {
      await program().parseAsync(
        ['generate', dir, '--partners', '4', '--participants', '200', '--no-faults'],
        {
          from: 'user',
        },
      );
    } finally {
      process.stdout.write = write;
    }
    expect(out.join('')).toMatch(/^Generated 4 partners, 200 participants \(\d+ episodes.*\n$/);
    expect(await readdir(dir)).toContain('partners.csv');
  });
});
