import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UnusableInputError, UsageError } from '../../src/errors.js';
import { type OutputFile, RunFolder, type WrittenOutput } from '../../src/io/runFolder.js';
import { LOCK_FILE } from '../../src/io/runLock.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'tides-run-'));
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Outputs named `names`, each holding `<name> of <run>`. */
function outputs(run: string, names: readonly string[]): OutputFile[] {
  return names.map((name) => ({ name, text: () => `${name} of ${run}\n` }));
}

const manifest = {
  name: 'manifest.json',
  text: (written: readonly WrittenOutput[]) =>
    `${JSON.stringify({ tool: { name: 'tides' }, outputs: written }, null, 2)}\n`,
};

async function publish(dir: string, run: string, names: readonly string[]) {
  const folder = await RunFolder.open(dir, dir, 'manifest.json');
  try {
    await folder.publish(outputs(run, names), manifest);
  } finally {
    await folder.close();
  }
  return folder.notices;
}

/** The folder's files (not tides' dot files) and what the manifest lists. */
function state(dir: string) {
  const listed = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'))
    .outputs as WrittenOutput[];
  return {
    files: readdirSync(dir).sort(),
    listed: listed.map((o) => o.path),
    matches: listed.every(
      (o) => sha256(readFileSync(join(dir, o.path), 'utf8')) === o.sha256 && o.bytes > 0,
    ),
  };
}

/** The pid of a process that has ended. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '']);
  return child.pid as number;
}

describe('RunFolder.publish', () => {
  it('writes the outputs and a manifest listing each with its size and SHA-256, last', async () => {
    const dir = tmp();
    await publish(dir, 'one', ['b.csv', 'a.csv']);
    expect(state(dir)).toEqual({
      files: ['a.csv', 'b.csv', 'manifest.json'],
      listed: ['a.csv', 'b.csv'],
      matches: true,
    });
    const listed = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')).outputs;
    expect(listed[0]).toEqual({
      path: 'a.csv',
      bytes: 'a.csv of one\n'.length,
      sha256: sha256('a.csv of one\n'),
    });
  });

  it('removes the outputs of the earlier run that this one does not write, keeps other files', async () => {
    const dir = tmp();
    await publish(dir, 'one', ['a.csv', 'b.csv', 'report.md']);
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    const notices = await publish(dir, 'two', ['a.csv']);
    expect(state(dir)).toEqual({
      files: ['a.csv', 'manifest.json', 'notes.txt'],
      listed: ['a.csv'],
      matches: true,
    });
    expect(readFileSync(join(dir, 'a.csv'), 'utf8')).toBe('a.csv of two\n');
    expect(notices).toEqual([
      `${dir} also holds 1 file(s) that are not outputs of this run, kept as they are: notes.txt`,
    ]);
  });

  it('reads a manifest of tides 0.1, which listed outputs by name', async () => {
    const dir = tmp();
    for (const name of ['a.csv', 'old.csv']) writeFileSync(join(dir, name), 'old');
    writeFileSync(
      join(dir, 'manifest.json'),
      JSON.stringify({ tool: { name: 'tides' }, outputs: ['a.csv', 'manifest.json', 'old.csv'] }),
    );
    await publish(dir, 'new', ['a.csv']);
    expect(state(dir).files).toEqual(['a.csv', 'manifest.json']);
  });

  it('never removes what a manifest lists outside the folder, or a folder', async () => {
    const parent = tmp();
    const dir = join(parent, 'out');
    mkdirSync(join(dir, 'sub.csv'), { recursive: true });
    writeFileSync(join(parent, 'precious.txt'), 'keep');
    writeFileSync(
      join(dir, 'manifest.json'),
      JSON.stringify({
        tool: { name: 'tides' },
        outputs: ['../precious.txt', '/etc/hostname', 'sub.csv', '.tides-lock', { path: '..' }],
      }),
    );
    const notices = await publish(dir, 'new', ['a.csv']);
    expect(readFileSync(join(parent, 'precious.txt'), 'utf8')).toBe('keep');
    expect(existsSync(join(dir, 'sub.csv'))).toBe(true);
    expect(notices[0]).toBe(
      `kept the folder ${join(dir, 'sub.csv')}: an earlier run listed sub.csv as an output file`,
    );
  });

  it.each([
    ['a file no manifest lists', (dir: string) => writeFileSync(join(dir, 'b.csv'), 'theirs')],
    ['a folder', (dir: string) => mkdirSync(join(dir, 'b.csv'))],
    [
      'a manifest.json tides did not write',
      (dir: string) => writeFileSync(join(dir, 'manifest.json'), '{"outputs": []}'),
    ],
  ])('changes nothing when %s stands where an output goes', async (_, plant) => {
    const dir = tmp();
    plant(dir);
    const before = readdirSync(dir);
    const folder = await RunFolder.open(dir, dir, 'manifest.json');
    await expect(folder.publish(outputs('one', ['a.csv', 'b.csv']), manifest)).rejects.toThrow(
      UnusableInputError,
    );
    await folder.close();
    expect(readdirSync(dir)).toEqual(before);
  });

  it('changes nothing when an output fails while being written', async () => {
    const dir = tmp();
    await publish(dir, 'one', ['a.csv', 'b.csv']);
    const before = state(dir);
    const folder = await RunFolder.open(dir, dir, 'manifest.json');
    const failing: OutputFile = {
      name: 'b.csv',
      text: function* () {
        yield 'half';
        throw new Error('the renderer broke');
      },
    };
    await expect(folder.publish([...outputs('two', ['a.csv']), failing], manifest)).rejects.toThrow(
      'the renderer broke',
    );
    await folder.close();
    expect(state(dir)).toEqual(before);
    expect(readFileSync(join(dir, 'a.csv'), 'utf8')).toBe('a.csv of one\n');
    expect(readdirSync(dir).filter((name) => name.startsWith('.'))).toEqual([]);
  });

  it('finishes the clean-up of a run that stopped during its swap, from its journal', async () => {
    const dir = tmp();
    // A run replacing [a, b, c] by [a, d] stopped after renaming a and d: no manifest.
    for (const name of ['a.csv', 'b.csv', 'c.csv', 'd.csv', 'mine.txt']) {
      writeFileSync(join(dir, name), name);
    }
    const staging = join(dir, '.tides-staging-99999-abcd');
    mkdirSync(staging);
    writeFileSync(
      join(staging, '.journal.json'),
      JSON.stringify({
        manifest: 'manifest.json',
        replaces: ['a.csv', 'b.csv', 'c.csv'],
        writes: ['a.csv', 'd.csv', 'manifest.json'],
      }),
    );
    // Another command's unfinished swap is left for that command.
    const other = join(dir, '.tides-staging-99998-abcd');
    mkdirSync(other);
    writeFileSync(
      join(other, '.journal.json'),
      JSON.stringify({ manifest: 'summary-2016-17.manifest.json', replaces: [], writes: [] }),
    );
    // A staging folder without a journal stopped before its swap: it holds nothing needed.
    mkdirSync(join(dir, '.tides-staging-99997-abcd'));
    await publish(dir, 'new', ['a.csv', 'b.csv']);
    expect(readdirSync(dir).sort()).toEqual([
      '.tides-staging-99998-abcd',
      'a.csv',
      'b.csv',
      'manifest.json',
      'mine.txt',
    ]);
    expect(state(dir).matches).toBe(true);
  });

  it('writes no raw control character in any output or the manifest, chunks and all', async () => {
    const dir = tmp();
    const cohort = 'Tue\u001b[8msday\r\u202e\u009b';
    const folder = await RunFolder.open(dir, dir, 'manifest.json');
    try {
      await folder.publish(
        [
          { name: 'reach.csv', text: () => ['group\n', `${cohort}\n`] },
          { name: 'metrics.json', text: () => `${JSON.stringify({ cohort })}\n` },
        ],
        {
          name: 'manifest.json',
          text: (written) =>
            `${JSON.stringify({ tool: { name: 'tides' }, cohort, outputs: written })}\n`,
        },
      );
    } finally {
      await folder.close();
    }
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are the point
    const raw = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
    for (const name of readdirSync(dir)) {
      expect(readFileSync(join(dir, name), 'utf8'), name).not.toMatch(raw);
    }
    expect(readFileSync(join(dir, 'reach.csv'), 'utf8')).toBe(
      'group\nTue\\x1b[8msday\\r\\u202e\\u009b\n',
    );
    // JSON keeps the value through its own escapes; the manifest hashes the bytes written.
    expect(JSON.parse(readFileSync(join(dir, 'metrics.json'), 'utf8'))).toEqual({ cohort });
    expect(JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')).cohort).toBe(cohort);
    expect(state(dir).matches).toBe(true);
  });
});

describe('the lock on an output folder', () => {
  const lock = (pid: number, host = hostname()) =>
    `${JSON.stringify({ pid, host, token: 'theirs' })}\n`;

  it('is held while a run is open, and refuses a second run', async () => {
    const dir = tmp();
    const first = await RunFolder.open(dir, dir, 'manifest.json');
    const owner = JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8'));
    expect(owner).toMatchObject({ pid: process.pid, host: hostname() });
    // The same process is taken for a later one with its pid: use another live process's lock.
    writeFileSync(join(dir, LOCK_FILE), lock(process.ppid));
    await expect(RunFolder.open(dir, dir, 'manifest.json')).rejects.toThrow(
      `output folder ${dir} is in use (tides process ${process.ppid} is writing to it): wait for that run to finish, or choose another --out; if no tides run is going, remove ${join(dir, LOCK_FILE)}`,
    );
    // The first run no longer holds the lock: it replaces nothing.
    await expect(first.publish(outputs('one', ['a.csv']), manifest)).rejects.toThrow(
      /was taken by another run; nothing was replaced/,
    );
    await first.close();
    expect(readFileSync(join(dir, LOCK_FILE), 'utf8')).toBe(lock(process.ppid));
    expect(readdirSync(dir)).toEqual([LOCK_FILE]);
  });

  it('takes over the lock of a process that has ended, with a notice', async () => {
    const dir = tmp();
    const pid = deadPid();
    writeFileSync(join(dir, LOCK_FILE), lock(pid));
    writeFileSync(join(dir, `${LOCK_FILE}.${pid}.tmp`), lock(pid));
    const notices = await publish(dir, 'one', ['a.csv']);
    expect(notices).toEqual([
      `took over the lock on ${dir} left by tides process ${pid}, which ended without releasing it`,
    ]);
    expect(readdirSync(dir).sort()).toEqual(['a.csv', 'manifest.json']);
  });

  it.each([
    ['of another machine', lock(deadPid(), 'elsewhere'), `tides process \\d+ on elsewhere`],
    ['that cannot be read', 'garbage', `its lock file ${LOCK_FILE} cannot be read`],
  ])('respects a lock %s', async (_, content, who) => {
    const dir = tmp();
    writeFileSync(join(dir, LOCK_FILE), content);
    const open = RunFolder.open(dir, dir, 'manifest.json');
    await expect(open).rejects.toThrow(UsageError);
    await expect(RunFolder.open(dir, dir, 'manifest.json')).rejects.toThrow(new RegExp(who));
    expect(readdirSync(dir)).toEqual([LOCK_FILE]);
  });
});
