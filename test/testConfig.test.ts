import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ISOLATED } from '../vitest.config.js';

/**
 * Most test files share a module graph (vitest.config.ts): one that replaced a module, a function
 * or an environment variable there would change what the files after it test.
 */
function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return testFiles(path);
    return entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('the test configuration', () => {
  it('runs every test file that replaces something in a module graph of its own', () => {
    const replacing = testFiles('test').filter((path) =>
      /\bvi\.(mock|doMock|spyOn|stubEnv|stubGlobal|unmock)\(/.test(readFileSync(path, 'utf8')),
    );
    // The search finds what it looks for: these files do replace things.
    expect(replacing.length).toBeGreaterThanOrEqual(4);
    expect([...replacing].sort()).toEqual([...ISOLATED].sort());
  });
});
