import type { RecodeConfig, TidesConfig } from '../config/types.js';
import { codeKey } from '../contract/values.js';
import type { InputFile } from '../io/discover.js';
import { ownValue } from '../ownKeys.js';

/**
 * The recodes of a file (`recode` in tides.config.json): by column, a value's key (`codeKey`)
 * → the accepted value it stands for. Reading checks the result like any value; a target is
 * always one the column accepts (the config's validation makes sure).
 */
export type Recodes = ReadonlyMap<string, ReadonlyMap<string, string>>;

/**
 * The recodes for a file: the partner's own (a file inside a folder named after a partner id in
 * `partners`) over the global ones, as for aliases; null when there are none.
 */
export function recodeResolver(config: TidesConfig): (file: InputFile) => Recodes | null {
  const global = recodeMaps(config.recode);
  const partnerIds = Object.keys(config.partners ?? {});
  const merged = new Map<string, Recodes | null>();
  for (const id of partnerIds) {
    const own = recodeMaps(ownValue(config.partners, id)?.recode);
    if (own === null) {
      merged.set(id, global);
      continue;
    }
    const both = new Map<string, ReadonlyMap<string, string>>(global ?? []);
    for (const [column, values] of own) {
      both.set(column, new Map([...(global?.get(column) ?? []), ...values]));
    }
    merged.set(id, both);
  }
  return (file) => {
    const folders = file.display.split('/').slice(0, -1);
    const partner = partnerIds.find((id) => folders.includes(id));
    return partner === undefined ? global : (merged.get(partner) ?? global);
  };
}

/** The value a recode gives for a cell's text, or the text as it is. */
export function recoded(recodes: Recodes | null, column: string, text: string): string {
  if (recodes === null || text === '') return text;
  const values = recodes.get(column);
  return values === undefined ? text : (values.get(codeKey(text)) ?? text);
}

function recodeMaps(recode: RecodeConfig | undefined): Recodes | null {
  if (recode === undefined) return null;
  const maps = new Map<string, Map<string, string>>();
  for (const [column, values] of Object.entries(recode)) {
    maps.set(column, new Map(Object.entries(values).map(([from, to]) => [codeKey(from), to])));
  }
  return maps.size === 0 ? null : maps;
}
