/**
 * Lookups keyed by text a user wrote (a measure, a partner or a column named in
 * tides.config.json or a metrics file). A plain object answers `constructor`, `toString` or
 * `__proto__` from Object.prototype, and assigning under `__proto__` replaces its prototype, so
 * such text must never index one: a custom measure named `constructor` once read Object's
 * constructor as its meaningful change and published 28 of 40 improved as 0. Prefer a `Map`;
 * where the data is a JSON object (the config, a metrics file), read it through these.
 */

/** The value `record` holds under `key` as its own property, never one it inherits. */
export function ownValue<T>(
  record: Readonly<Record<string, T>> | null | undefined,
  key: string,
): T | undefined {
  return record != null && Object.hasOwn(record, key) ? record[key] : undefined;
}

/**
 * An empty record without a prototype: every key is a plain key, `__proto__` included, and a
 * missing one reads as undefined.
 */
export function emptyRecord<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/** A copy of `record`'s own entries in a record without a prototype (see `emptyRecord`). */
export function ownRecord<T>(record: Readonly<Record<string, T>>): Record<string, T> {
  const copy = emptyRecord<T>();
  for (const [key, value] of Object.entries(record)) copy[key] = value;
  return copy;
}
