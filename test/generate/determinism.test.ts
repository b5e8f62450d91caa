import { afterAll, describe, expect, it } from 'vitest';
import { generateProgramme } from '../../src/generate/index.js';
import { hashTree, tempFolder } from './helpers.js';

const SMALL = { partners: 12, participants: 2_000, seed: 7 };
const folders: { remove: () => Promise<void> }[] = [];

async function generateTree(options: Parameters<typeof generateProgramme>[1]) {
  const folder = await tempFolder();
  folders.push(folder);
  await generateProgramme(folder.dir, options);
  return hashTree(folder.dir);
}

afterAll(async () => {
  await Promise.all(folders.map((f) => f.remove()));
});

describe('generateProgramme determinism', () => {
  it('writes byte-identical files for the same options and seed (SHA-256 of every file)', async () => {
    const first = await generateTree(SMALL);
    const second = await generateTree(SMALL);
    expect(first.size).toBeGreaterThan(20);
    expect([...second.entries()]).toEqual([...first.entries()]);
  });

  it('writes different data for a different seed', async () => {
    const first = await generateTree(SMALL);
    const other = await generateTree({ ...SMALL, seed: 8 });
    expect(other.get('P001/participants.csv')).not.toBe(first.get('P001/participants.csv'));
    expect(other.get('lsoa_imd.csv')).not.toBe(first.get('lsoa_imd.csv'));
  });

  it('changes only the planted files when faults are turned off', async () => {
    const withFaults = await generateTree(SMALL);
    const clean = await generateTree({ ...SMALL, faults: false });
    const differing = [...withFaults.keys()].filter(
      (path) => clean.get(path) !== withFaults.get(path),
    );
    // The faulty partner files, plus the files that list the faults.
    expect(differing).toEqual(
      expect.arrayContaining(['README.md', 'planted-faults.json', 'tides.config.json']),
    );
    const partnerFiles = differing.filter((path) => path.includes('/'));
    expect(partnerFiles.length).toBeGreaterThan(0);
    expect(partnerFiles.length).toBeLessThanOrEqual(12);
    expect(clean.get('population.csv')).toBe(withFaults.get('population.csv'));
    expect(clean.get('partners.csv')).toBe(withFaults.get('partners.csv'));
  });
});
