import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The package as users get it: `npm pack`, installed into an empty folder, runs the README's
 * library example (taken from the README itself, so the two cannot drift) on the demo data.
 */
const npm = (args: readonly string[], cwd: string) =>
  execFileSync('npm', args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false' },
    timeout: 240_000,
  });

function readmeExample(): string {
  const readme = readFileSync('README.md', 'utf8');
  const section = readme.slice(readme.indexOf('\n## Library\n'));
  const match = /```js\n([\s\S]*?)```/.exec(section);
  if (!match?.[1]) throw new Error('README has no ```js example under ## Library');
  return match[1];
}

describe('the packed package', () => {
  it('installs into an empty folder and runs the README example', () => {
    const project = mkdtempSync(join(tmpdir(), 'tides-pack-'));
    // dist/ is built by the test setup; packing must not rebuild it under the other tests.
    const packed = npm(
      ['pack', '--ignore-scripts', '--pack-destination', project, '--json'],
      resolve('.'),
    );
    const tarball = join(
      project,
      (JSON.parse(packed) as { filename: string }[])[0]?.filename ?? '',
    );
    writeFileSync(join(project, 'package.json'), '{ "name": "uses-tides", "private": true }\n');
    npm(['install', tarball, '--prefer-offline', '--ignore-scripts', '--no-save'], project);

    cpSync('fixtures/turning-tides', join(project, 'data'), { recursive: true });
    mkdirSync(join(project, 'baseline'));
    cpSync('test/baseline/metrics.json', join(project, 'baseline', 'metrics.json'));
    writeFileSync(
      join(project, 'example.mjs'),
      `${readmeExample()}\nconsole.log(JSON.stringify({ unprotected: safety.result.unprotected.length, passed: ci.result.passed }));\n`,
    );
    const run = spawnSync(process.execPath, ['example.mjs'], {
      cwd: project,
      encoding: 'utf8',
      env: { ...process.env, SOURCE_DATE_EPOCH: '1764000000' },
      timeout: 240_000,
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(JSON.parse(lines.at(-1) as string)).toEqual({ unprotected: 0, passed: true });
    expect(run.stdout).toMatch(/^P001 \d+$/m);
    expect(readdirSync(join(project, 'report'))).toContain('manifest.json');
    expect(readdirSync(join(project, 'summaries'))).toContain('summary-2016-17.json');
    // The installed package holds what it needs and no tests or fixtures.
    const installed = join(project, 'node_modules', 'tides-eval');
    expect(readdirSync(installed).sort()).toEqual(['README.md', 'bin', 'dist', 'package.json']);
  }, 300_000);
});
