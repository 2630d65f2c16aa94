import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  mineSequences,
  mineSequencesSteps,
  sequenceDatabase,
  sequenceRules,
} from '../../src/sequences/index.js';
import { minimumCount } from '../../src/sequences/mine.js';
import type { SequenceDatabase } from '../../src/sequences/types.js';
import { runWork } from '../../src/util/work.js';

// An independent miner: enumerate every candidate sequence of up to three items over a small alphabet and count,
// sequence by sequence, whether it is contained (with the gap rule), by direct search.

type Pattern = number[][];
type Seq = { time: number; items: Set<number> }[];

/** All sequences of 1…3 items over `alphabet` items: every split into elements, items ascending in each. */
function candidates(alphabet: number): Pattern[] {
  const out: Pattern[] = [];
  const sets: number[][] = [];
  for (let a = 0; a < alphabet; a++) {
    sets.push([a]);
    for (let b = a + 1; b < alphabet; b++) {
      sets.push([a, b]);
      for (let c = b + 1; c < alphabet; c++) sets.push([a, b, c]);
    }
  }
  const grow = (prefix: Pattern, items: number) => {
    if (items > 0) out.push(prefix);
    for (const set of sets) if (items + set.length <= 3) grow([...prefix, set], items + set.length);
  };
  grow([], 0);
  return out;
}

/** Whether `seq` contains `pattern`: elements matched to events in order, consecutive ones at most `gap` apart. */
function contains(seq: Seq, pattern: Pattern, gap: number): boolean {
  const from = (j: number, after: number): boolean => {
    if (j === pattern.length) return true;
    for (let e = after + 1; e < seq.length; e++) {
      if (j > 0 && seq[e]!.time - seq[after]!.time > gap) break;
      if (pattern[j]!.every((x) => seq[e]!.items.has(x)) && from(j + 1, e)) return true;
    }
    return false;
  };
  return from(0, -1);
}

const key = (p: readonly (readonly number[])[]) => p.map((e) => e.join(',')).join('|');
const itemCount = (p: readonly (readonly number[])[]) => p.reduce((n, e) => n + e.length, 0);

/** Is `small` a subsequence of `big` (times ignored)? Tried every way, not greedily. */
function subsequence(small: readonly (readonly number[])[], big: readonly (readonly number[])[]): boolean {
  const go = (i: number, j: number): boolean => {
    if (i === small.length) return true;
    for (let k = j; k < big.length; k++)
      if (small[i]!.every((x) => big[k]!.includes(x)) && go(i + 1, k + 1)) return true;
    return false;
  };
  return go(0, 0);
}

/** Element by element; within an element item by item, a prefix first. */
function lexicographic(a: readonly (readonly number[])[], b: readonly (readonly number[])[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i]!;
    const y = b[i]!;
    for (let j = 0; j < Math.min(x.length, y.length); j++) if (x[j] !== y[j]) return x[j]! - y[j]!;
    if (x.length !== y.length) return x.length - y.length;
  }
  return a.length - b.length;
}

const ALPHABET = 5;

/** Random sequences: events at increasing times (steps 1…3), each a set of 1…3 items of the alphabet. */
const sequencesArb = fc.array(
  fc.array(
    fc.tuple(
      fc.integer({ min: 1, max: 3 }),
      fc.uniqueArray(fc.integer({ min: 0, max: ALPHABET - 1 }), { minLength: 1, maxLength: 3 }),
    ),
    { minLength: 1, maxLength: 6 },
  ),
  { minLength: 1, maxLength: 25 },
);

/** Smaller sequences, at least five: the maximality check compares every pair of patterns. */
const smallSequencesArb = fc.array(
  fc.array(
    fc.tuple(
      fc.integer({ min: 1, max: 3 }),
      fc.uniqueArray(fc.integer({ min: 0, max: ALPHABET - 1 }), { minLength: 1, maxLength: 2 }),
    ),
    { minLength: 1, maxLength: 4 },
  ),
  { minLength: 5, maxLength: 20 },
);

function toInputs(raw: [number, number[]][][]): { db: SequenceDatabase; seqs: Seq[] } {
  const times = raw.map((events) => {
    let t = 0;
    return events.map(([step]) => (t += step));
  });
  const db = sequenceDatabase(
    raw.map((events) => events.map(([, items]) => items)),
    { times, items: ['a', 'b', 'c', 'd', 'e'] },
  );
  const seqs = raw.map((events, s) =>
    events.map(([, items], k) => ({ time: times[s]![k]!, items: new Set(items) })),
  );
  return { db, seqs };
}

const CANDIDATES = candidates(ALPHABET);

describe('sequences: the miner against brute force', () => {
  it('enumerates the candidates it should (sanity of the brute force itself)', () => {
    // 5 one-item, C(5,2) = 10 itemsets of 2 and 25 two-element sequences, 10 + 2·50 + 125 of three items.
    expect(CANDIDATES.length).toBe(5 + (10 + 25) + (10 + 50 + 50 + 125));
  });

  it('finds every pattern of up to 3 items with exactly its count, with and without maxGap (seeded)', () => {
    fc.assert(
      fc.property(
        sequencesArb,
        fc.constantFrom(0.1, 0.2, 0.25, 1 / 3, 0.5),
        fc.constantFrom(undefined, 0, 1, 2, 4),
        (raw, minSupport, maxGap) => {
          const { db, seqs } = toInputs(raw);
          const gap = maxGap ?? Number.POSITIVE_INFINITY;
          const minCount = minimumCount(minSupport, seqs.length);
          const expected = new Map<string, number>();
          for (const p of CANDIDATES) {
            const count = seqs.filter((s) => contains(s, p, gap)).length;
            if (count >= minCount) expected.set(key(p), count);
          }
          const mined = mineSequences(db, { minSupport, maxGap, maxPatterns: 1_000_000 });
          const got = new Map<string, number>();
          for (const p of mined.patterns) {
            expect(p.support).toBe(p.count / seqs.length);
            expect(p.count).toBeGreaterThanOrEqual(minCount);
            if (itemCount(p.elements) <= 3) got.set(key(p.elements), p.count);
          }
          expect(got).toEqual(expected);
          // Patterns beyond three items are contained as often as the miner says.
          for (const p of mined.patterns) {
            if (itemCount(p.elements) > 3) {
              const pattern = p.elements.map((e) => [...e]);
              expect(seqs.filter((s) => contains(s, pattern, gap)).length).toBe(p.count);
            }
          }
        },
      ),
      { numRuns: 150, seed: 20260512 },
    );
  });

  it('respects maxLength (elements) and maxSize (items per element)', () => {
    fc.assert(
      fc.property(
        sequencesArb,
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 3 }),
        fc.constantFrom(undefined, 2),
        (raw, maxLength, maxSize, maxGap) => {
          const { db, seqs } = toInputs(raw);
          const gap = maxGap ?? Number.POSITIVE_INFINITY;
          const minSupport = 0.2;
          const minCount = minimumCount(minSupport, seqs.length);
          const expected = new Map<string, number>();
          for (const p of CANDIDATES) {
            if (p.length > maxLength || p.some((e) => e.length > maxSize)) continue;
            const count = seqs.filter((s) => contains(s, p, gap)).length;
            if (count >= minCount) expected.set(key(p), count);
          }
          const mined = mineSequences(db, { minSupport, maxGap, maxLength, maxSize, maxPatterns: 1_000_000 });
          const got = new Map<string, number>();
          for (const p of mined.patterns) {
            expect(p.elements.length).toBeLessThanOrEqual(maxLength);
            for (const e of p.elements) expect(e.length).toBeLessThanOrEqual(maxSize);
            if (itemCount(p.elements) <= 3) got.set(key(p.elements), p.count);
          }
          expect(got).toEqual(expected);
        },
      ),
      { numRuns: 100, seed: 7 },
    );
  });

  it('flags as maximal exactly the patterns no other pattern contains; orders deterministically', () => {
    fc.assert(
      fc.property(
        smallSequencesArb,
        fc.constantFrom(0.2, 0.3),
        fc.constantFrom(undefined, 1, 2),
        (raw, minSupport, maxGap) => {
          const { db } = toInputs(raw);
          const { patterns } = mineSequences(db, { minSupport, maxGap, maxPatterns: 1_000_000 });
          for (const p of patterns) {
            const size = itemCount(p.elements);
            const inside = patterns.some(
              (q) => itemCount(q.elements) > size && subsequence(p.elements, q.elements),
            );
            expect(p.maximal, key(p.elements)).toBe(!inside);
          }
          for (let i = 1; i < patterns.length; i++) {
            const a = patterns[i - 1]!;
            const b = patterns[i]!;
            const order =
              b.count - a.count ||
              itemCount(a.elements) - itemCount(b.elements) ||
              a.elements.length - b.elements.length;
            expect(order).toBeLessThanOrEqual(0);
            if (order === 0) expect(lexicographic(a.elements, b.elements)).toBeLessThan(0);
          }
          expect(new Set(patterns.map((p) => key(p.elements))).size).toBe(patterns.length);
        },
      ),
      { numRuns: 100, seed: 11 },
    );
  });

  it('with maxGap, a pattern inside a larger one with no frequent pattern in between is not maximal', () => {
    // <{a},{d}> (only in the short sequences, under the gap) lies inside <{a},{b},{c},{d}>, but <{a},{c},{d}> and
    // <{a},{b},{d}> break the gap: no chain of one-item deletions links them.
    const long = [[0], [1], [2], [3]];
    const short = [[0], [3]];
    const db = sequenceDatabase([long, long, short, short]);
    const { patterns } = mineSequences(db, { minSupport: 0.5, maxGap: 1 });
    const byKey = new Map(patterns.map((p) => [key(p.elements), p]));
    expect(byKey.get('0|1|2|3')).toMatchObject({ count: 2, maximal: true });
    expect(byKey.get('0|3')).toMatchObject({ count: 2, maximal: false });
    expect(byKey.has('0|2|3')).toBe(false);
    expect(byKey.has('0|1|3')).toBe(false);
  });

  it('rules: lhs = all but the last element, confidence and lift from brute-force counts', () => {
    fc.assert(
      fc.property(smallSequencesArb, fc.constantFrom(undefined, 2), (raw, maxGap) => {
        const { db, seqs } = toInputs(raw);
        const gap = maxGap ?? Number.POSITIVE_INFINITY;
        const n = seqs.length;
        const { patterns } = mineSequences(db, { minSupport: 0.2, maxGap, maxPatterns: 1_000_000 });
        const rules = sequenceRules(patterns, { minConfidence: 0.3 });
        const count = (p: readonly (readonly number[])[]) =>
          seqs.filter((s) =>
            contains(
              s,
              p.map((e) => [...e]),
              gap,
            ),
          ).length;
        let expected = 0;
        for (const p of patterns) {
          if (p.elements.length < 2) continue;
          if (p.count / count(p.elements.slice(0, -1)) >= 0.3) expected++;
        }
        expect(rules).toHaveLength(expected);
        for (const r of rules) {
          const whole = [...r.lhs, ...r.rhs];
          expect(r.rhs).toHaveLength(1);
          expect(r.count).toBe(count(whole));
          expect(r.support).toBe(r.count / n);
          expect(r.confidence).toBeCloseTo(r.count / count(r.lhs), 12);
          expect(r.lift).toBeCloseTo(r.confidence / (count(r.rhs) / n), 12);
          expect(r.confidence).toBeGreaterThanOrEqual(0.3);
        }
        for (let i = 1; i < rules.length; i++) {
          expect(rules[i - 1]!.confidence).toBeGreaterThanOrEqual(rules[i]!.confidence);
        }
      }),
      { numRuns: 80, seed: 3 },
    );
  });

  it('sequenceRules rejects an incomplete set and a confidence outside [0, 1]', () => {
    const pattern = { elements: [[0], [1]], support: 0.5, count: 1, maximal: true };
    expect(() => sequenceRules([pattern], { minConfidence: 0.5 })).toThrow(/incomplete/);
    expect(() => sequenceRules([], { minConfidence: 1.5 })).toThrow(RangeError);
  });

  it('the cooperative form reports work in bounded chunks and returns the same result', () => {
    fc.assert(
      fc.property(
        fc.array(sequencesArb, { minLength: 4, maxLength: 4 }).map((parts) => parts.flat()),
        fc.constantFrom(undefined, 2),
        (raw, maxGap) => {
          const { db } = toInputs(raw);
          const options = { minSupport: 0.1, maxGap, maxPatterns: 1_000_000 };
          const work = mineSequencesSteps(db, options);
          let step = work.next();
          while (!step.done) {
            expect(step.value).toBeGreaterThan(0);
            expect(step.value).toBeLessThan(2_000_000);
            step = work.next();
          }
          expect(step.value).toEqual(mineSequences(db, options));
          expect(runWork(mineSequencesSteps(db, options))).toEqual(step.value);
        },
      ),
      { numRuns: 20, seed: 5 },
    );
  });

  it('checks its options and the database', () => {
    const db = sequenceDatabase([[[0], [1]], [[1]]]);
    for (const bad of [0, -0.1, 1.5, Number.NaN]) {
      expect(() => mineSequences(db, { minSupport: bad })).toThrow(RangeError);
    }
    expect(() => mineSequences(db, { minSupport: 0.5, maxGap: -1 })).toThrow(RangeError);
    expect(() => mineSequences(db, { minSupport: 0.5, maxLength: 0 })).toThrow(RangeError);
    expect(() => mineSequences(db, { minSupport: 0.5, maxSize: 1.5 })).toThrow(RangeError);
    expect(() => mineSequences(db, { minSupport: 0.01, maxPatterns: 2 })).toThrow(/maxPatterns/);
    expect(() => sequenceDatabase([[[0], [1]]], { times: [[2, 2]] })).toThrow(/strictly increase/);
    const unsorted: SequenceDatabase = {
      ...db,
      item: Int32Array.from([1, 0, 1]),
      itemStart: Int32Array.from([0, 2, 2, 3]),
    };
    expect(() => mineSequences(unsorted, { minSupport: 0.5 })).toThrow(RangeError);
    // Empty input: nothing to find.
    const empty = sequenceDatabase([]);
    expect(mineSequences(empty, { minSupport: 0.5 }).patterns).toEqual([]);
  });

  it('minimumCount is the least count whose support reaches minSupport, in floating point', () => {
    expect(minimumCount(0.4, 4)).toBe(2);
    expect(minimumCount(0.5, 4)).toBe(2);
    expect(minimumCount(0.3, 10)).toBe(3); // 0.3 × 10 = 3.0000000000000004 in floating point
    expect(minimumCount(1, 7)).toBe(7);
    expect(minimumCount(1e-9, 7)).toBe(1);
  });
});
