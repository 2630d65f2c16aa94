import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  mineSequences,
  mineSequencesSteps,
  parseSpadeText,
  sequenceLabel,
  sequenceRules,
} from '../../src/sequences/index.js';
import { runWork } from '../../src/util/work.js';
import { sharedData } from '../util/cdnow.js';

// The running example of Zaki (2001), as shipped with arulesSequences (inst/misc/zaki.txt), and its published
// result (tests/zaki.Rout.save): cspade(zaki, parameter = list(support = 0.4)) and ruleInduction(confidence = 0.5).
const zaki = parseSpadeText(readFileSync(sharedData('sequences/zaki.txt'), 'utf8'));

const PUBLISHED: Record<string, number> = {
  '<{A}>': 1,
  '<{B}>': 1,
  '<{D}>': 0.5,
  '<{F}>': 1,
  '<{A,F}>': 0.75,
  '<{B,F}>': 1,
  '<{D},{F}>': 0.5,
  '<{D},{B,F}>': 0.5,
  '<{A,B,F}>': 0.75,
  '<{A,B}>': 0.75,
  '<{D},{B}>': 0.5,
  '<{B},{A}>': 0.5,
  '<{D},{A}>': 0.5,
  '<{F},{A}>': 0.5,
  '<{D},{F},{A}>': 0.5,
  '<{B,F},{A}>': 0.5,
  '<{D},{B,F},{A}>': 0.5,
  '<{D},{B},{A}>': 0.5,
};

// inspect(r1): lhs, rhs, support, confidence, lift.
const PUBLISHED_RULES: [string, string, number, number, number][] = [
  ['<{D}>', '<{F}>', 0.5, 1, 1],
  ['<{D}>', '<{B,F}>', 0.5, 1, 1],
  ['<{D}>', '<{B}>', 0.5, 1, 1],
  ['<{B}>', '<{A}>', 0.5, 0.5, 0.5],
  ['<{D}>', '<{A}>', 0.5, 1, 1],
  ['<{F}>', '<{A}>', 0.5, 0.5, 0.5],
  ['<{D},{F}>', '<{A}>', 0.5, 1, 1],
  ['<{B,F}>', '<{A}>', 0.5, 0.5, 0.5],
  ['<{D},{B,F}>', '<{A}>', 0.5, 1, 1],
  ['<{D},{B}>', '<{A}>', 0.5, 1, 1],
];

describe('sequences: the SPADE example (Zaki 2001, arulesSequences)', () => {
  it('reads zaki.txt: 4 sequences, 10 events, items A…H', () => {
    const { database, report } = zaki;
    expect(report).toMatchObject({ lines: 10, accepted: 10, rejected: 0, blankLines: 0 });
    expect(database.sequences).toBe(4);
    expect(database.ids).toEqual(['1', '2', '3', '4']);
    expect(database.items).toEqual(['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H']);
    expect(Array.from(database.eventStart)).toEqual([0, 4, 6, 7, 10]);
    expect(Array.from(database.eventTime)).toEqual([10, 15, 20, 25, 15, 20, 10, 10, 20, 25]);
    // Sequence 1, event 25: A C D F.
    const e = 3;
    const items = database.item.subarray(database.itemStart[e]!, database.itemStart[e + 1]!);
    expect(Array.from(items, (c) => database.items[c])).toEqual(['A', 'C', 'D', 'F']);
  });

  const mined = mineSequences(zaki.database, { minSupport: 0.4 });
  const labels = mined.patterns.map((p) => sequenceLabel(p.elements, mined.items));

  it('finds exactly the 18 published frequent sequences at support 0.4, with their supports', () => {
    expect(mined.sequences).toBe(4);
    expect(mined.minCount).toBe(2);
    expect(mined.patterns).toHaveLength(18);
    expect(new Set(labels)).toEqual(new Set(Object.keys(PUBLISHED)));
    for (const [i, p] of mined.patterns.entries()) {
      expect(p.support, labels[i]).toBe(PUBLISHED[labels[i]!]);
      expect(p.count).toBe(p.support * 4);
    }
  });

  it('orders by support, then items, then elements, then item codes', () => {
    expect(labels).toEqual([
      '<{A}>',
      '<{B}>',
      '<{F}>',
      '<{B,F}>',
      '<{A,B}>',
      '<{A,F}>',
      '<{A,B,F}>',
      '<{D}>',
      '<{B},{A}>',
      '<{D},{A}>',
      '<{D},{B}>',
      '<{D},{F}>',
      '<{F},{A}>',
      '<{B,F},{A}>',
      '<{D},{B,F}>',
      '<{D},{B},{A}>',
      '<{D},{F},{A}>',
      '<{D},{B,F},{A}>',
    ]);
  });

  it('marks <{A,B,F}> and <{D},{B,F},{A}> as the maximal sequences', () => {
    const maximal = mined.patterns
      .filter((p) => p.maximal)
      .map((p) => sequenceLabel(p.elements, mined.items));
    expect(maximal.sort()).toEqual(['<{A,B,F}>', '<{D},{B,F},{A}>']);
  });

  it('induces the 10 published rules at confidence 0.5 (support, confidence, lift)', () => {
    const rules = sequenceRules(mined.patterns, { minConfidence: 0.5 });
    expect(rules).toHaveLength(10);
    const got = rules.map((r) => [
      sequenceLabel(r.lhs, mined.items),
      sequenceLabel(r.rhs, mined.items),
      r.support,
      r.confidence,
      r.lift,
    ]);
    expect(new Set(got.map((r) => JSON.stringify(r)))).toEqual(
      new Set(PUBLISHED_RULES.map((r) => JSON.stringify(r))),
    );
    const dToF = rules.find(
      (r) => sequenceLabel(r.lhs, mined.items) === '<{D}>' && sequenceLabel(r.rhs, mined.items) === '<{F}>',
    );
    expect(dToF).toMatchObject({ support: 0.5, confidence: 1, lift: 1, count: 2 });
    const bToA = rules.find(
      (r) => sequenceLabel(r.lhs, mined.items) === '<{B}>' && sequenceLabel(r.rhs, mined.items) === '<{A}>',
    );
    expect(bToA).toMatchObject({ support: 0.5, confidence: 0.5, lift: 0.5 });
    // By confidence, then lift: the seven rules of confidence 1 first.
    expect(rules.slice(0, 7).every((r) => r.confidence === 1)).toBe(true);
  });

  it('keeps the 7 rules of the published r2 (maxsize = 2, maxlen = 2: 14 sequences)', () => {
    const s2 = mineSequences(zaki.database, { minSupport: 0.4, maxSize: 2, maxLength: 2 });
    expect(s2.patterns).toHaveLength(14);
    expect(sequenceRules(s2.patterns, { minConfidence: 0.5 })).toHaveLength(7);
  });

  it('with maxGap 5 (eventIDs 5 apart: adjacent events only) finds what cSPADE -u 5 finds', () => {
    // Output of the arulesSequences command-line tools (exttpose, spade -u 5) on zaki.txt at support 0.4.
    const gapped = mineSequences(zaki.database, { minSupport: 0.4, maxGap: 5 });
    const got = gapped.patterns.map((p) => `${sequenceLabel(p.elements, gapped.items)} ${p.count}`);
    expect(new Set(got)).toEqual(
      new Set([
        '<{A}> 4',
        '<{B}> 4',
        '<{D}> 2',
        '<{F}> 4',
        '<{A,F}> 3',
        '<{B,F}> 4',
        '<{A,B,F}> 3',
        '<{A,B}> 3',
        '<{B},{A}> 2',
        '<{F},{A}> 2',
        '<{B,F},{A}> 2',
      ]),
    );
    // <{D}> is maximal here: no frequent pattern contains it under the gap.
    expect(
      gapped.patterns
        .filter((p) => p.maximal)
        .map((p) => sequenceLabel(p.elements, gapped.items))
        .sort(),
    ).toEqual(['<{A,B,F}>', '<{B,F},{A}>', '<{D}>']);
  });

  it('mineSequencesSteps returns the same result as mineSequences', () => {
    expect(runWork(mineSequencesSteps(zaki.database, { minSupport: 0.4 }))).toEqual(mined);
  });
});
