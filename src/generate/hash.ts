/**
 * Integer hashing for deriving independent seeds (one per person, per episode, per partner) from
 * the programme seed, so that any record can be regenerated on its own without storing state.
 *
 * Finaliser: MurmurHash3's fmix32 (Austin Appleby, public domain; SMHasher `MurmurHash3.cpp`).
 */
export function fmix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * A 32-bit seed for the stream `(seed, a, b, salt)`. Each argument must be a whole number below
 * 2^32. Different salts keep the streams of different kinds of record apart.
 * @example hashSeed(20150401, 123, 0, SALT.person)
 */
export function hashSeed(seed: number, a: number, b = 0, salt = 0): number {
  let h = fmix32((seed >>> 0) ^ 0x9e3779b9);
  h = fmix32((h + Math.imul(salt >>> 0, 0x27d4eb2f)) >>> 0);
  h = fmix32((h ^ Math.imul(a >>> 0, 0xcc9e2d51)) >>> 0);
  h = fmix32((h + Math.imul(b >>> 0, 0x1b873593) + 0x6b43a9b5) >>> 0);
  return h;
}

/** Salts of the independent random streams, one per kind of thing generated. */
export const SALT = {
  city: 1,
  partner: 2,
  person: 3,
  episode: 4,
  personIds: 5,
  secondary: 6,
  faults: 7,
  extras: 8,
} as const;
