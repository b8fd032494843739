// The labelled actor pairs of test/fixtures/who-is-who and what actorMatches makes of them: the
// records they come from (the seed and the GDELT, PLOVER and ClaimReview samples) loaded into a
// database, and precision and recall at a threshold. test/matching-quality.test.ts asserts on
// them; `npm run bench:matching` prints them beside its timings.
import { createReadStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase, type Db } from '../src/db/client.ts';
import { prepared } from '../src/db/statements.ts';
import { loadBundle, readBundleFile } from '../src/domain/bundle.ts';
import { actorMatches } from '../src/domain/matching.ts';
import { runImport } from '../src/ingest/import.ts';
import { FIXTURES, SEED_BUNDLE_PATH } from '../test/paths.ts';

export interface Judged {
  a: string;
  b: string;
  same: boolean;
}

/** A set of judged pairs: `a`, `b` (records by natural key, namespace|key), `same` (1 or 0), and the rationale. */
export const judged = (file: string): Judged[] =>
  readFileSync(join(FIXTURES, 'who-is-who', file), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const [a, b, same] = line.split('\t');
      return { a: a!, b: b!, same: same === '1' };
    });

/**
 * The four sets: the first, which the weights were adjusted against; the second, drawn and
 * judged after them (blind until its misses prompted the country names); the third, drawn and
 * judged after that change (blind until plurals were folded); the fourth, drawn and judged after
 * that, from the pairs the others left.
 */
export const LABELLED = { first: judged('actor-pairs.tsv'), heldOut: judged('actor-pairs-held-out.tsv'), third: judged('actor-pairs-third.tsv'), fourth: judged('actor-pairs-fourth.tsv') };

/** An in-memory database of the records the pairs name. */
export async function labelledRecords(): Promise<Db> {
  const db = openDatabase({ file: ':memory:' });
  loadBundle(db, readBundleFile(SEED_BUNDLE_PATH));
  const imports: [string, string, boolean][] = [
    ['gdelt-events', 'gdelt-2.0-events-sample/20191024143000.export.CSV', false],
    ['plover', 'plover-gold-standard-records/PLOVER_GSR_CAMEO.json', true],
    ['claimreview', 'claimreview-jsonld-examples/schemaorg-eg-0324-ClaimReview.jsonld', false],
    ['claimreview', 'claimreview-jsonld-examples/schemaorg-eg-0325-ClaimReview.jsonld', false],
  ];
  for (const [format, file, skipInvalid] of imports) await runImport(db, { format, file, input: createReadStream(join(FIXTURES, file)), skipInvalid });
  return db;
}

/** The id of the actor a labelled pair names by its natural key (`namespace|key`). */
export function recordId(db: Db, ref: string): number {
  const at = ref.indexOf('|');
  const found = prepared(db, "SELECT record_id FROM record_keys WHERE record_type = 'actor' AND namespace = ? AND key = ?").pluck().get(ref.slice(0, at), ref.slice(at + 1)) as number | undefined;
  if (found === undefined) throw new Error(`the labelled pair names ${ref}, which the samples do not hold`);
  return found;
}

/** Precision and recall of the pairs scoring at least `threshold`, and how many did. */
export function measure(db: Db, pairs: readonly Judged[], threshold: number) {
  const scores = new Map(actorMatches(db, 0).matches.map((m) => [m.records.join(), m.score]));
  let [tp, fp, fn] = [0, 0, 0];
  for (const pair of pairs) {
    const [x, y] = [recordId(db, pair.a), recordId(db, pair.b)];
    const score = scores.get([Math.min(x, y), Math.max(x, y)].join()) ?? 0;
    if (score >= threshold) pair.same ? (tp += 1) : (fp += 1);
    else if (pair.same) fn += 1;
  }
  return { precision: tp / (tp + fp), recall: tp / (tp + fn), found: tp + fp };
}

/** One line per set and threshold, as the test and the benchmark print them. */
export const qualityLines = (db: Db) =>
  Object.entries({ 'labelled pairs': LABELLED.first, 'held-out pairs': LABELLED.heldOut, 'pairs of the third set': LABELLED.third, 'pairs of the fourth set': LABELLED.fourth }).map(([name, pairs]) => {
    const [automatic, review] = [measure(db, pairs, 0.95), measure(db, pairs, 0.5)];
    return `actorMatches on ${pairs.length} ${name}: at 0.95 precision ${automatic.precision.toFixed(3)}, recall ${automatic.recall.toFixed(3)}; at 0.5 precision ${review.precision.toFixed(3)}, recall ${review.recall.toFixed(3)}`;
  });
