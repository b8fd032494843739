// npm run bench:matching — the candidate search of who is who (eventMatches, actorMatches) over
// generated items (BENCH_EVENTS events and as many claims; default 500,000 each = 1,000,000
// items; BENCH_DB=FILE runs over a file generated before, kept), against a hand-written blocked
// self-join in the same run: one statement forming the same blocks and counting their pairs,
// with no scoring. Time, and the peak memory of each, read from /proc (Linux). Then the quality
// of actor candidates on the labelled pairs of real records (bench/labelled-pairs.ts).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../src/db/client.ts';
import { actorMatches, eventMatches, MAX_BLOCK } from '../src/domain/matching.ts';
import { fillTimeline } from './data.ts';
import { labelledRecords, qualityLines } from './labelled-pairs.ts';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 500_000);
const given = process.env.BENCH_DB;
const folder = given ? null : mkdtempSync(join(tmpdir(), 'claimline-matching-'));
const file = given ?? join(folder!, 'bench.db');
const DAY = 86_400_000;

/** The peak resident memory of this process so far, in MiB (VmHWM). */
const peak = () => Math.round(Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))![1]) / 1024);
const rss = () => Math.round(process.memoryUsage().rss / 2 ** 20);

function timed<T>(run: () => T): { result: T; ms: number } {
  const started = performance.now();
  const result = run();
  return { result, ms: performance.now() - started };
}

try {
  const db = openDatabase({ file });
  if (!db.$client.prepare('SELECT 1 FROM items LIMIT 1').get()) fillTimeline(db, EVENTS);
  const items = (db.$client.prepare('SELECT count(*) AS n FROM items').get() as { n: number }).n;
  console.log(`${items.toLocaleString('en')} items`);

  // The baseline: the same blocks (a source's events; one day's, place's and kind's), their pairs counted in SQL.
  const hand = db.$client.prepare(`WITH standing AS MATERIALIZED (SELECT i.id, e.kind, i.date_earliest / ${DAY} AS day FROM items i JOIN events e ON e.item_id = i.id
      WHERE i.retracted_at IS NULL AND i.date_latest - i.date_earliest < 3 * ${DAY}),
    members AS (SELECT 's' || c.source_id AS block, c.item_id AS id FROM citations c JOIN standing s ON s.id = c.item_id
      UNION SELECT 'p' || ip.place_id || ':' || s.day || ':' || s.kind, s.id FROM standing s JOIN item_places ip ON ip.item_id = s.id),
    sized AS (SELECT block, count(*) AS n FROM members GROUP BY block)
    SELECT coalesce(sum(n * (n - 1) / 2), 0) AS pairs FROM sized WHERE n BETWEEN 2 AND ${MAX_BLOCK}`);
  const before = rss();
  const baseline = timed(() => (hand.get() as { pairs: number }).pairs);
  // Scored, as a request searches (it explains only the page it returns); then explained too, as claimline resolve reports them.
  const events = timed(() => eventMatches(db, 0.5, null, Infinity, false));
  const scoredPeak = peak();
  const explained = timed(() => eventMatches(db, 0.5));
  const actors = timed(() => actorMatches(db, 0.5));
  console.log('candidate events (eventMatches, no request limit):');
  console.log(`  baseline, blocked self-join counting pairs: ${baseline.ms.toFixed(0)} ms, ${baseline.result.toLocaleString('en')} pairs in blocks (a pair in two blocks counts twice)`);
  console.log(
    `  claimline, scored: ${events.ms.toFixed(0)} ms   ${(events.ms / baseline.ms).toFixed(1)}x the baseline; ${events.result.compared.toLocaleString('en')} pairs compared, ${events.result.matches.length.toLocaleString('en')} scoring at least 0.5, ${events.result.skipped} blocks over ${MAX_BLOCK} left out; memory ${before} MiB before, peak ${scoredPeak} MiB`,
  );
  console.log(`  claimline, each pair scoring at least 0.5 explained too (the blocks kept from the search before): ${explained.ms.toFixed(0)} ms   ${(explained.ms / baseline.ms).toFixed(1)}x the baseline; peak ${peak()} MiB`);
  console.log(`candidate actors (actorMatches): ${actors.ms.toFixed(0)} ms, ${actors.result.compared.toLocaleString('en')} pairs compared (the generated actors are few and distinct: real ones below)`);
  db.$client.close();
  // Their quality, on the real records the labelled pairs come from.
  const labelled = await labelledRecords();
  for (const line of qualityLines(labelled)) console.log(line);
  labelled.$client.close();
} finally {
  if (folder) rmSync(folder, { recursive: true, force: true });
}
