import { access, constants, mkdir } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { UnusableInputError } from '../errors.js';

/**
 * Makes sure the output folder exists and can be written, before any work is done, so an
 * unwritable `--out` fails at once (exit 2) rather than after the analysis.
 */
export async function prepareOutputDir(dir: string): Promise<string> {
  const absolute = resolve(dir);
  try {
    await mkdir(absolute, { recursive: true });
    await access(absolute, constants.W_OK);
  } catch (error) {
    const code = (error as { code?: string }).code ?? (error as Error).message;
    throw new UnusableInputError(`output folder ${dir} cannot be written (${code})`);
  }
  return absolute;
}

/**
 * The path of an output file inside the output folder. Output names are tides' own, but the check
 * stands guard anyway: nothing is ever written outside `--out`.
 */
export function outputPath(dir: string, name: string): string {
  const path = resolve(dir, name);
  if (!path.startsWith(resolve(dir) + sep) || name.includes('/') || name.includes('\\')) {
    throw new Error(`refusing to write ${name} outside ${dir}`);
  }
  return join(dir, name);
}
