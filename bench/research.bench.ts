// Research queries and exports through the whole API, each against a raw-SQL baseline that
// computes the same answer with hand-written statements, in the same run over the same database.
// Run: npm run bench   (BENCH_EVENTS=N to change the size; default 100,000 events = 200,000 items)
import { bench, describe } from 'vitest';
import { openDatabase } from '../src/db/client.ts';
import { createApp } from '../src/server/app.ts';
import { loadCompiler } from '../src/server/compiled.ts';
import { fillTimeline } from './data.ts';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 100_000);
const db = openDatabase({ file: ':memory:' });
fillTimeline(db, EVENTS);
const app = createApp({ db });
// A server loads the query compiler after its first answer; a loop of in-process requests never lets it.
await loadCompiler();
const sqlite = db.$client;
const items = (EVENTS * 2).toLocaleString('en');

async function api(query: string) {
  const response = await app.fetch('http://bench/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  const body = (await response.json()) as { errors?: unknown };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
}

const once = { iterations: 5, time: 0, warmupIterations: 1 };

describe(`the actor network of every item (${items} items)`, () => {
  const network = sqlite.prepare(`SELECT source, target, kind, count(*) AS n FROM (
      SELECT c.claimant_id AS source, a.actor_id AS target, 'ACCUSED' AS kind FROM claims c JOIN claim_accused a ON a.claim_id = c.item_id
      UNION ALL SELECT a.actor_id, t.actor_id, 'ACTED_AGAINST' FROM event_participants a JOIN event_participants t ON t.event_id = a.event_id AND t.role = 'TARGET' WHERE a.role = 'AGENT')
    WHERE source <> target GROUP BY source, target, kind`);
  bench('baseline: raw SQL, counts only', () => void network.all(), once);
  bench('claimline API: edges with counts and 5 items each', () => api('{ actorNetwork { edges { kind count source { name } target { name } items { id } } } }'), once);
});

describe(`counts per month by type (${items} items)`, () => {
  const counts = sqlite.prepare(`SELECT strftime('%Y-%m', date_earliest / 1000, 'unixepoch') AS month, type, count(*) FROM items
    WHERE strftime('%Y-%m', date_earliest / 1000, 'unixepoch') = strftime('%Y-%m', date_latest / 1000, 'unixepoch') GROUP BY month, type`);
  bench('baseline: raw SQL, certain periods only', () => void counts.all(), once);
  bench('claimline API: periods and the uncertain remainder', () => api('{ timelineCounts(period: MONTH, groupBy: TYPE) { periods { period { edtf } type count } uncertain { type count } } }'), once);
});

describe(`a CSV of every item (${items} items)`, () => {
  const all = sqlite.prepare('SELECT i.id, i.type, i.date_edtf, i.summary, e.title FROM items i LEFT JOIN events e ON e.item_id = i.id ORDER BY i.date_earliest, i.date_latest, i.id');
  bench('baseline: raw SQL, one statement to a CSV string', () => {
    let out = '';
    for (const row of all.iterate() as Iterable<Record<string, unknown>>) out += `${Object.values(row).join(',')}\r\n`;
    if (!out) throw new Error('empty');
  }, once);
  bench('claimline: GET /export/csv, streamed in batches', async () => {
    const text = await (await app.fetch('http://bench/export/csv')).text();
    if (!text) throw new Error('empty');
  }, once);
});

describe(`a shortest path between two actors (${items} items)`, () => {
  // Actor 2 acts against Actor 8, who acts against Actor 50: 4 steps through 2 events.
  const id = (n: number) => Buffer.from(`Actor:${n}`).toString('base64');
  bench('claimline API: path from Actor 2 to Actor 50 (4 steps)', () => api(`{ path(from: "${id(2)}", to: "${id(50)}") { length steps { via } } }`), once);
});
