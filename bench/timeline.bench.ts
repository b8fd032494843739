// Reads of the timeline through the whole API, against a raw-SQL baseline that fetches the same
// rows with hand-written prepared statements, in the same run over the same database.
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

const QUERY = `query($after: String) { timeline(first: 50, after: $after) {
  pageInfo { endCursor }
  nodes { id date { edtf } summary ... on Event { title participants { role actor { name } } } ... on Claim { claimant { name } } }
} }`;

async function api(after: string | null) {
  const response = await app.fetch('http://bench/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: QUERY, variables: { after } }),
  });
  const body = (await response.json()) as { data: { timeline: { pageInfo: { endCursor: string } } } };
  return body.data.timeline.pageInfo.endCursor;
}

const page = sqlite.prepare(`SELECT i.id, i.type, i.summary, i.date_edtf, i.date_earliest, i.date_latest, e.title, c.claimant_id
  FROM items i LEFT JOIN events e ON e.item_id = i.id LEFT JOIN claims c ON c.item_id = i.id
  WHERE (i.date_earliest, i.date_latest, i.id) > (?, ?, ?) ORDER BY i.date_earliest, i.date_latest, i.id LIMIT 50`);
const participantsOf = sqlite.prepare('SELECT event_id, actor_id, role FROM event_participants WHERE event_id IN (SELECT value FROM json_each(?))');
const actorsOf = sqlite.prepare('SELECT id, name FROM actors WHERE id IN (SELECT value FROM json_each(?))');

function raw(after: [number, number, number]) {
  const rows = page.all(...after) as { id: number; claimant_id: number | null; date_earliest: number; date_latest: number }[];
  const participants = participantsOf.all(JSON.stringify(rows.map((r) => r.id))) as { actor_id: number }[];
  actorsOf.all(JSON.stringify([...new Set([...participants.map((p) => p.actor_id), ...rows.flatMap((r) => (r.claimant_id ? [r.claimant_id] : []))])]));
  const last = rows.at(-1)!;
  return [last.date_earliest, last.date_latest, last.id] as [number, number, number];
}

const total = EVENTS * 2;
const deep = sqlite.prepare('SELECT date_earliest, date_latest, id FROM items ORDER BY date_earliest, date_latest, id LIMIT 1 OFFSET ?').get(Math.floor(total * 0.9)) as { date_earliest: number; date_latest: number; id: number };
const deepKey: [number, number, number] = [deep.date_earliest, deep.date_latest, deep.id];
const deepCursor = Buffer.from(JSON.stringify(['date:ASC', ...deepKey])).toString('base64url');

describe(`a page of 50 timeline items with participants and claimants (${total.toLocaleString('en')} items)`, () => {
  bench('baseline: raw SQL, first page', () => {
    raw([-8.64e15, -8.64e15, 0]);
  });
  bench('baseline: raw SQL, page at 90%', () => {
    raw(deepKey);
  });
  bench('claimline API, first page', async () => {
    await api(null);
  });
  bench('claimline API, page at 90%', async () => {
    await api(deepCursor);
  });
});
