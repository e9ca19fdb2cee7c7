/** A deterministic source of randomness for seed data; never use it for secrets. */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max], both included. */
  int(min: number, max: number): number;
  /** Uniform in [min, max). */
  between(min: number, max: number): number;
  /** True with probability `p`. */
  chance(p: number): boolean;
  /** One element of a non-empty list, uniformly. */
  pick<T>(items: readonly T[]): T;
  /** One element of a weighted list (see {@link weighted}). */
  pickWeighted<T>(table: WeightedTable<T>): T;
  /** A version 4 UUID made of this generator's bits. */
  uuid(): string;
}

/** Items with cumulative weights, for drawing by weight in O(log n). */
export interface WeightedTable<T> {
  items: readonly T[];
  cumulative: Float64Array;
}

/** Builds a {@link WeightedTable} from `[item, weight]` pairs. */
export function weighted<T>(pairs: readonly (readonly [T, number])[]): WeightedTable<T> {
  const cumulative = new Float64Array(pairs.length);
  let total = 0;
  pairs.forEach(([, weight], i) => (cumulative[i] = total += weight));
  return { items: pairs.map(([item]) => item), cumulative };
}

/**
 * A generator for one entity of the seed data, keyed by the run's seed and the entity's place
 * (`createRandom(seed, STREAM.volunteer, 41)`). Keying by index instead of drawing from one long
 * stream is what lets two seeders, in two processes and two databases, compute the same
 * volunteer without reading each other's rows. The generator is sfc32, seeded through murmur3's
 * finaliser so neighbouring keys give unrelated streams.
 */
export function createRandom(...keys: number[]): Random {
  let a = hashKeys(keys, 0x9e3779b9);
  let b = hashKeys(keys, 0x85ebca6b);
  let c = hashKeys(keys, 0xc2b2ae35);
  let d = hashKeys(keys, 0x27d4eb2f);
  const next32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  // sfc32 needs a few rounds before its output stops echoing the seed words.
  for (let i = 0; i < 12; i++) next32();

  const next = () => next32() / 4294967296;
  const random: Random = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    between: (min, max) => min + next() * (max - min),
    chance: (p) => next() < p,
    pick: (items) => items[Math.floor(next() * items.length)]!,
    pickWeighted: ({ items, cumulative }) => {
      const target = next() * cumulative[cumulative.length - 1]!;
      let lo = 0;
      let hi = cumulative.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (cumulative[mid]! > target) hi = mid;
        else lo = mid + 1;
      }
      return items[lo]!;
    },
    uuid: () => {
      const hex = [next32(), next32(), next32(), next32()]
        .map((word) => word.toString(16).padStart(8, '0'))
        .join('');
      // Version 4 and the RFC 4122 variant, so PostgreSQL's uuid and any validator accept it.
      const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
    },
  };
  return random;
}

/** Hashes the keys into one 32-bit word (murmur3-style), differently for each `salt`. */
export function hashKeys(keys: readonly number[], salt: number): number {
  let h = salt >>> 0;
  for (const key of keys) {
    h = Math.imul(h ^ (key >>> 0), 0xcc9e2d51);
    h = (h << 15) | (h >>> 17);
    // Keys above 2^32 (none today) would lose their high bits; fold them in rather than drop them.
    h = Math.imul(h ^ Math.floor(key / 4294967296), 0x1b873593);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}

/**
 * The streams of the seed data. Each entity draws from its own stream, so adding a draw to one
 * (say, a new volunteer attribute) does not shift any other.
 */
export const STREAM = {
  volunteer: 1,
  identity: 2,
  nationalId: 3,
  programs: 4,
  choices: 5,
  participation: 6,
} as const;
