/**
 * cyrb53: a fast 53-bit string hash. Used to spot duplicate rows without keeping every row's text in memory;
 * with 53 bits, a false match among a million rows has a probability of about 1e-4.
 */
export function hash53(text: string, seed = 0): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

const floatView = new Float64Array(1);
const wordView = new Uint32Array(floatView.buffer);

/**
 * A 53-bit hash of a row's cells without building a string: numbers are mixed by their bits, strings by
 * hash53. Used for duplicate detection of row and column input, where joining every cell's text (and printing
 * floats) would cost more than the rest of the ingestion.
 */
export function hashCells(cells: ArrayLike<unknown>): number {
  let h1 = 0x9e3779b9;
  let h2 = 0x85ebca6b;
  for (let i = 0; i < cells.length; i++) {
    const v = cells[i];
    let a: number;
    let b: number;
    if (typeof v === 'number') {
      floatView[0] = v;
      a = wordView[0]!;
      b = wordView[1]!;
    } else {
      const h = v === undefined || v === null ? 0x27d4eb2f : hash53(typeof v === 'string' ? v : String(v));
      a = h >>> 0;
      b = Math.floor(h / 4294967296) >>> 0;
    }
    h1 = Math.imul(h1 ^ a, 2654435761) ^ Math.imul(h2 ^ b, 1597334677);
    h2 = Math.imul(h2 ^ (b + i), 2246822507) ^ Math.imul(h1 >>> 13, 3266489909);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}
