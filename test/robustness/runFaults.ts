import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmp } from './support.js';

/**
 * A module preloaded into the built binary (`node --import`) that watches every file system step
 * a run takes inside one folder (`TIDES_RUN_DIR`): making, writing, renaming, linking and
 * removing. Steps are numbered from 1 in the order taken, which is deterministic for a given
 * run, so a test can:
 * - `TIDES_STEP_LOG`: list them (one line per step: number, call, path);
 * - `TIDES_KILL_AT=n`: kill the process with SIGKILL (as `kill -9`) just before step n;
 * - `TIDES_PAUSE_AT=n`: stop before step n until the file `TIDES_RESUME` exists, after writing
 *   the file `TIDES_PAUSED` (a second run can then be tried meanwhile);
 * - `TIDES_ENOSPC=name`: make writing a file whose path ends in `name` fail, the disk full;
 * - `TIDES_MKDIR_ERROR=CODE`: make every new folder there fail with CODE (EROFS: a read-only file
 *   system, on which Node's recursive mkdir reported ENOENT).
 */
const HOOK = `
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
const env = process.env;
const dir = env.TIDES_RUN_DIR ?? '';
const killAt = Number(env.TIDES_KILL_AT ?? '0');
const pauseAt = Number(env.TIDES_PAUSE_AT ?? '0');
const enospc = env.TIDES_ENOSPC ?? '';
let steps = 0;
const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
function step(call, path) {
  if (dir === '' || typeof path !== 'string' || !path.startsWith(dir)) return;
  steps++;
  if (env.TIDES_STEP_LOG) fs.appendFileSync(env.TIDES_STEP_LOG, steps + ' ' + call + ' ' + path + '\\n');
  if (steps === killAt) process.kill(process.pid, 'SIGKILL');
  if (steps === pauseAt) {
    fs.writeFileSync(env.TIDES_PAUSED, String(process.pid));
    while (!fs.existsSync(env.TIDES_RESUME)) sleep(20);
  }
}
for (const call of ['mkdir', 'rename', 'rm', 'unlink', 'link', 'writeFile']) {
  const original = fs.promises[call];
  fs.promises[call] = async function (path, ...rest) {
    step(call, path);
    if (call === 'mkdir' && env.TIDES_MKDIR_ERROR && dir !== '' && String(path).startsWith(dir)) {
      const code = env.TIDES_MKDIR_ERROR;
      throw Object.assign(new Error(code + ': mkdir ' + path), { code, syscall: 'mkdir', path });
    }
    return original.call(this, path, ...rest);
  };
}
const createWriteStream = fs.createWriteStream;
fs.createWriteStream = function (path, options) {
  step('write', path);
  const stream = createWriteStream.call(this, path, options);
  if (enospc !== '' && typeof path === 'string' && path.endsWith(enospc)) {
    let written = 0;
    const write = stream._write.bind(stream);
    stream._write = (chunk, encoding, done) => {
      written += chunk.length;
      if (written > 100) {
        done(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', syscall: 'write' }));
      } else write(chunk, encoding, done);
    };
    stream._writev = undefined;
  }
  return stream;
};
syncBuiltinESMExports();
`;

let hook: string | null = null;

/** The environment that preloads the hook, watching the folder `dir`. */
export function runFaultEnv(dir: string, settings: Record<string, string> = {}): NodeJS.ProcessEnv {
  if (hook === null) {
    hook = join(tmp('tides-run-faults-'), 'runFaults.mjs');
    writeFileSync(hook, HOOK);
  }
  return { NODE_OPTIONS: `--import ${hook}`, TIDES_RUN_DIR: dir, ...settings };
}
