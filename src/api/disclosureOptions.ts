import type { DisclosureConfig } from '../config/types.js';
import {
  DisclosureOptionError,
  type DisclosureRule,
  resolveDisclosureRule,
} from '../disclosure/index.js';
import { UsageError } from '../errors.js';
import type { DisclosureOptions } from './options.js';

/** The disclosure rule: command-line options, else the config's `disclosure`, else `standard`. */
export function disclosureRule(
  cli: DisclosureOptions,
  config: DisclosureConfig = {},
): DisclosureRule {
  const minCell = cli.minCell ?? config.min_cell;
  const roundTo = cli.roundTo ?? config.round_to;
  try {
    return resolveDisclosureRule({
      preset: cli.preset ?? config.preset ?? null,
      ...(minCell !== undefined ? { minCell } : {}),
      ...(roundTo !== undefined ? { roundTo } : {}),
      suppress: cli.suppress !== false,
    });
  } catch (error) {
    if (error instanceof DisclosureOptionError) {
      const flag = { preset: '--preset', minCell: '--min-cell', roundTo: '--round-to' }[
        error.option
      ];
      throw new UsageError(`${flag}: ${error.message}`);
    }
    throw error;
  }
}
