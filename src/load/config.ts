import type { TidesConfig } from '../config/types.js';
import { validateConfig } from '../config/validateConfig.js';
import { UnusableInputError } from '../errors.js';
import { parseJsonText } from '../io/jsonParse.js';
import { readRegularText } from '../io/regularFile.js';

/**
 * Reads and checks `tides.config.json`. A config that is not valid JSON or has a wrong value is
 * unusable input (exit 2) with a message naming the key: a silently ignored setting would change
 * the published figures without anyone knowing.
 */
export async function loadConfig(path: string, display: string): Promise<TidesConfig> {
  let text: string;
  try {
    text = readRegularText(path);
  } catch (error) {
    throw new UnusableInputError(`${display}: cannot be read (${(error as Error).message})`);
  }
  return validateConfig(parseJsonText(text, display), display);
}
