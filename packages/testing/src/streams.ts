import { createRandom, type Random } from './random.js';

/**
 * An independent random stream for one part of a generator, derived from the user's seed and a fixed stream
 * number. The seed and stream are mixed through a 32-bit hash finaliser so that no simple relation between two
 * seeds (s ^ c, s + 1, …) makes one seed's stream reappear as another seed's different stream.
 * Seeds are read as 32-bit integers (fractions are dropped, larger values wrap).
 */
export function substream(seed: number, stream: number): Random {
  let h = Math.imul(seed | 0, 0x9e3779b1) ^ Math.imul(stream + 1, 0x85ebca77);
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  h ^= h >>> 16;
  return createRandom(h);
}
