import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/client.ts';
import { LABELLED, labelledRecords, measure, qualityLines, recordId, type Judged } from '../bench/labelled-pairs.ts';
import { actorMatches } from '../src/domain/matching.ts';

// Precision and recall of actorMatches against the labelled pairs of test/fixtures/who-is-who
// (how they were chosen and judged: its README), over the records they come from: the seed and
// the GDELT, PLOVER and ClaimReview samples (bench/labelled-pairs.ts).

let db: Db;
/** The candidate pair of two actors named by their natural keys. */
const pairOf = (a: string, b: string) => {
  const [x, y] = [recordId(db, a), recordId(db, b)].sort((p, q) => p - q);
  return actorMatches(db, 0).matches.find((m) => m.records[0] === x && m.records[1] === y)!;
};

beforeAll(async () => {
  db = await labelledRecords();
});

describe('actor matches against labelled pairs', () => {
  it('holds at least 300 judged pairs, of the four sources, each naming records the samples hold', () => {
    const pairs = LABELLED.first;
    expect(pairs.length).toBeGreaterThanOrEqual(300);
    const namespaces = new Set(pairs.flatMap((p) => [p.a, p.b].map((r) => r.split('|')[0]!.split('/')[0])));
    expect([...namespaces].sort()).toEqual(['claimreview', 'gdelt', 'plover', 'seed']);
    expect(pairs.filter((p) => p.same).length).toBeGreaterThan(80);
    measure(db, pairs, 0.95);
    for (const line of qualityLines(db)) console.info(line);
  });

  it('takes a plural and its singular for one word, and says so', () => {
    const pair = pairOf('plover|actor:PSE||Palestinians', 'plover|actor:PSE||Palestinian');
    expect(pair.evidence[0]).toMatchObject({ feature: 'NAME', comparison: '"Palestinians" and "Palestinian": the same words, but for plurals' });
    expect(pair.score).toBeGreaterThanOrEqual(0.95);
  });

  it('takes a state, its people and its government named in words for one, unless their sectors differ', () => {
    const nigeria = pairOf('gdelt|actor:NGA|NIGERIAN', 'plover|actor:NGA|GOV|Nigerian government');
    expect(nigeria.evidence[0]!.comparison).toBe('"NIGERIAN" and "Nigerian government": both name NG, the country, its people or its government');
    expect(nigeria.score).toBeGreaterThanOrEqual(0.95);
    // world-countries names the country Türkiye, and Turkey only as the Republic of Turkey.
    expect(pairOf('gdelt|actor:TURGOV|TURKISH', 'gdelt|actor:TURGOV|TURKEY').evidence[0]!.comparison).toBe('"TURKISH" and "TURKEY": both name TR, the country, its people or its government');
    // GDELT's TURKISH here is Turkey's military, not its authorities: the sectors weigh against,
    // so the pair is at most left for review, never decided.
    expect(pairOf('gdelt|actor:TURMIL|TURKISH', 'plover|actor:TUR|GOV|Turkish authorities').score).toBeLessThan(0.95);
  });

  it('decides automatically (0.95) with a precision of at least 0.95, and reports its recall', () => {
    const automatic = measure(db, LABELLED.first, 0.95);
    const review = measure(db, LABELLED.first, 0.5);
    expect(automatic.precision).toBeGreaterThanOrEqual(0.95);
    // Floors under today's figures (0.923 and 0.933), so that a change that loses matches shows.
    expect(automatic.recall).toBeGreaterThanOrEqual(0.9);
    expect(review.recall).toBeGreaterThanOrEqual(0.9);
  });

  /**
   * A set drawn after others: none of their pairs, precision at 0.95 of at least 0.95 on at least
   * `found` decisions, and recall at 0.95 and at 0.5 above floors under today's figures.
   */
  const holdsOn = (pairs: readonly Judged[], earlier: readonly Judged[], size: number, found: number, floors: [automatic: number, review: number]) => {
    expect(pairs.length).toBeGreaterThanOrEqual(size);
    const drawn = new Set(earlier.map((p) => [p.a, p.b].sort().join()));
    expect(pairs.filter((p) => drawn.has([p.a, p.b].sort().join()))).toEqual([]);
    const automatic = measure(db, pairs, 0.95);
    expect(automatic.precision).toBeGreaterThanOrEqual(0.95);
    expect(automatic.found).toBeGreaterThanOrEqual(found);
    expect(automatic.recall).toBeGreaterThanOrEqual(floors[0]);
    expect(measure(db, pairs, 0.5).recall).toBeGreaterThanOrEqual(floors[1]);
  };

  it('holds its precision on pairs judged after the weights were set', () => {
    // Today: 0.876 and 0.928; measured blind, when the set was made: 0.670 and 0.876.
    holdsOn(LABELLED.heldOut, LABELLED.first, 250, 51, [0.83, 0.85]);
  });

  it('holds its precision on a third set, drawn and judged after the country names were added', () => {
    // Today: 0.966 and 0.977; measured blind, when the set was made: 0.909 and 0.955.
    holdsOn(LABELLED.third, [...LABELLED.first, ...LABELLED.heldOut], 240, 51, [0.9, 0.9]);
  });

  it('holds its precision on a fourth set, drawn and judged after plurals were folded, from the pairs the others left', () => {
    // Today: 0.848 and 0.913; measured blind, when the set was made: 0.739 and 0.804, the pairs
    // the earlier sets left being the harder ones.
    holdsOn(LABELLED.fourth, [...LABELLED.first, ...LABELLED.heldOut, ...LABELLED.third], 180, 30, [0.8, 0.85]);
  });
});
