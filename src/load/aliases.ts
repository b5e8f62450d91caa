import type { TidesConfig } from '../config/types.js';
import { normaliseHeader } from '../contract/columns.js';
import type { InputFile } from '../io/discover.js';
import { ownValue } from '../ownKeys.js';

/**
 * The alias map (normalised header name → contract column) for a file: the global aliases, plus
 * those of the partner whose id names one of the folders the file sits in.
 */
export function aliasResolver(
  config: TidesConfig,
): (file: InputFile) => ReadonlyMap<string, string> {
  const global = new Map<string, string>();
  for (const [column, names] of Object.entries(config.aliases ?? {})) {
    for (const name of names) global.set(normaliseHeader(name), column);
  }
  const partnerIds = Object.keys(config.partners ?? {});
  return (file) => {
    const folders = file.display.split('/').slice(0, -1);
    const partner = partnerIds.find((id) => folders.includes(id));
    const own = partner === undefined ? undefined : ownValue(config.partners, partner)?.aliases;
    if (!own) return global;
    const merged = new Map(global);
    for (const [column, names] of Object.entries(own)) {
      for (const name of names) merged.set(normaliseHeader(name), column);
    }
    return merged;
  };
}
