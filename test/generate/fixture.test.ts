import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateProgramme, type PlantedFault } from '../../src/generate/index.js';
import { hashTree, tempFolder } from './helpers.js';

/** The committed demo must be exactly what `tides generate fixtures/turning-tides` writes today. */
const FIXTURE = join(import.meta.dirname, '..', '..', 'fixtures', 'turning-tides');

let fresh = new Map<string, string>();
let committed = new Map<string, string>();
let remove = async () => {};

beforeAll(async () => {
  const folder = await tempFolder();
  remove = folder.remove;
  await generateProgramme(folder.dir, {});
  fresh = await hashTree(folder.dir);
  committed = await hashTree(FIXTURE);
  committed.delete('.gitattributes');
}, 120_000);

afterAll(async () => {
  await remove();
});

describe('fixtures/turning-tides', () => {
  it('is byte for byte the default output of the generator', () => {
    expect([...committed.keys()]).toEqual([...fresh.keys()]);
    const stale = [...fresh]
      .filter(([path, hash]) => committed.get(path) !== hash)
      .map(([path]) => path);
    expect(
      stale,
      'regenerate with: node bin/tides.js generate fixtures/turning-tides --force',
    ).toEqual([]);
  });

  it('has 88 partner folders and stays under 20 MB', async () => {
    const partners = new Set(
      [...committed.keys()].filter((p) => p.includes('/')).map((p) => p.split('/')[0]),
    );
    expect(partners.size).toBe(88);
    const { statSync } = await import('node:fs');
    const bytes = [...committed.keys()].reduce(
      (sum, path) => sum + statSync(join(FIXTURE, path)).size,
      0,
    );
    expect(bytes).toBeLessThan(20_000_000);
  });

  it('lists 22 planted faults with rules, and the format variants', async () => {
    const planted = JSON.parse(
      await readFile(join(FIXTURE, 'planted-faults.json'), 'utf8'),
    ) as PlantedFault[];
    expect(planted.filter((f) => f.rule !== null)).toHaveLength(22);
    expect(planted.filter((f) => f.rule === null).length).toBeGreaterThanOrEqual(8);
  });
});
