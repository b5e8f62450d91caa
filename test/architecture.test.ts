import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The layers of src/ (see the README, Design): data flows files → rows → records → model →
 * metrics → tables → disclosure → writers, and no module reaches back up that line. Read from
 * the source's import statements (static, type-only and dynamic alike), so a change that adds
 * a circle or a forbidden arrow fails here, naming it.
 */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

const FILES = sourceFiles('src');
const IMPORTS = new Map(
  FILES.map((file) => {
    const text = readFileSync(file, 'utf8');
    const targets = [...text.matchAll(/(?:from|import\()\s*'(\.{1,2}\/[^']+)'/g)].map((m) =>
      normalize(join(dirname(file), m[1] as string)).replace(/\.js$/, '.ts'),
    );
    return [file, new Set(targets)];
  }),
);

/** A file's layer: its folder under src/, or `index` for the library's entry, `(shared)` else. */
function layer(file: string): string {
  const parts = relative('src', file).split('/');
  if (parts.length > 1) return parts[0] as string;
  return parts[0] === 'index.ts' ? 'index' : '(shared)';
}

/** Strongly connected groups of more than one node (Tarjan). */
function circles(graph: ReadonlyMap<string, ReadonlySet<string>>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) as number, low.get(w) as number));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v) as number, index.get(w) as number));
      }
    }
    if (low.get(v) === index.get(v)) {
      const group: string[] = [];
      let w: string;
      do {
        w = stack.pop() as string;
        onStack.delete(w);
        group.push(w);
      } while (w !== v);
      if (group.length > 1) found.push(group.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

const layerGraph = new Map<string, Set<string>>();
for (const [file, targets] of IMPORTS) {
  for (const target of targets) {
    const from = layer(file);
    const to = layer(target);
    if (from === to) continue;
    if (!layerGraph.has(from)) layerGraph.set(from, new Set());
    layerGraph.get(from)?.add(to);
  }
}

/** What each layer may not import. */
const FORBIDDEN: Readonly<Record<string, readonly string[]>> = {
  stats: ['*'],
  zip: ['*'],
  model: ['load', 'io', 'cli', 'api', 'metrics', 'report', 'disclosure'],
  measures: ['load', 'io', 'cli', 'api', 'metrics', 'report'],
  metrics: ['load', 'io', 'cli', 'api', 'report'],
  report: ['load', 'io', 'cli', 'api'],
  disclosure: ['load', 'io', 'cli', 'api', 'report'],
  load: ['cli', 'api', 'metrics', 'report'],
  io: ['cli', 'api', 'load'],
  api: ['cli'],
};

describe('the structure of src/', () => {
  it('reads the imports it checks', () => {
    expect(FILES.length).toBeGreaterThan(100);
    expect(IMPORTS.get('src/metrics/reach.ts')?.has('src/model/programme.ts')).toBe(true);
  });

  it('has no circle of imports between files', () => {
    expect(circles(IMPORTS)).toEqual([]);
  });

  it('has no circle of imports between folders', () => {
    expect(circles(layerGraph)).toEqual([]);
  });

  it('has no arrow up the line: metrics and report read the model, never load, io or the CLI', () => {
    const wrong: string[] = [];
    for (const [file, targets] of IMPORTS) {
      const forbidden = FORBIDDEN[layer(file)] ?? [];
      for (const target of targets) {
        const to = layer(target);
        if (to === layer(file)) continue;
        if (forbidden.includes('*') || forbidden.includes(to)) wrong.push(`${file} → ${target}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('finds a circle and a forbidden arrow when there is one (the checks can fail)', () => {
    const graph = new Map([
      ['a', new Set(['b'])],
      ['b', new Set(['c'])],
      ['c', new Set(['a'])],
      ['d', new Set(['a'])],
    ]);
    expect(circles(graph)).toEqual([['a', 'b', 'c']]);
    expect(FORBIDDEN.metrics).toContain('load');
  });
});
