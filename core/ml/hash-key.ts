/**
 * A seeded 32-bit hash of a text key (FNV-1a, then a murmur-style finaliser mixed with the
 * seed). Splits use it so a row's side depends on its key and the seed, never on row order.
 */
export function hashKey(key: string, seed: number): number {
  let h = 0x811c9dc5 ^ Math.imul(Math.floor(seed) >>> 0, 0x9e3779b1);
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }

  // FNV alone leaves similar keys ('10', '11') with similar low bits; the finaliser spreads them.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
