// npm run bench:reads — reads through the whole API against hand-written baselines in the same
// run, over the same database file: Q1 (a 50-item timeline page with every item's claimant,
// spokesperson, accused, participants with roles, quotes with speakers, and links in and out with
// the other end's id and summary), both in-process and as the answer's exact JSON; and the cold
// start of `claimline serve` to its first answer. BENCH_EVENTS=N (default 100,000 events =
// 200,000 items); BENCH_ROUNDS=N (default 300); BENCH_DB=FILE (below).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase, type Db } from '../src/db/client.ts';
import { createKey } from '../src/domain/keys.ts';
import { createApp } from '../src/server/app.ts';
import { compiledQueries, loadCompiler } from '../src/server/compiled.ts';
import { parse } from 'graphql';
import { compileQuery, isCompiledQuery } from 'graphql-jit';
import { createYoga } from 'graphql-yoga';
import { fillTimeline } from './data.ts';
import { baseline, floorSchema, Q1 } from './q1.ts';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 100_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 300);
const ROOT = fileURLToPath(new URL('..', import.meta.url));
// BENCH_DB=FILE: run over this database file instead, filled first only if it holds no items, and
// kept (the as-of figure adds four changes to it): a 1M-item file is generated once.
const given = process.env.BENCH_DB;
const folder = given ? null : mkdtempSync(join(tmpdir(), 'claimline-reads-'));
const file = given ?? join(folder!, 'bench.db');

/** Mean wall and CPU milliseconds of `run`, over ROUNDS, after a warm-up. */
async function measure(run: () => unknown | Promise<unknown>, rounds = ROUNDS): Promise<{ wall: number; cpu: number }> {
  for (let i = 0; i < Math.min(20, rounds); i += 1) await run();
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (let i = 0; i < rounds; i += 1) await run();
  const used = process.cpuUsage(cpu);
  return { wall: (performance.now() - started) / rounds, cpu: (used.user + used.system) / 1000 / rounds };
}

/** For each run, its best mean of ROUNDS / 5 over five interleaved rounds of all the runs. */
async function bestOfRounds<R extends readonly (() => unknown)[]>(runs: R): Promise<{ [K in keyof R]: { wall: number; cpu: number } }> {
  const best = runs.map(() => ({ wall: Infinity, cpu: Infinity }));
  for (let round = 0; round < 5; round += 1) {
    for (const [i, run] of runs.entries()) {
      const m = await measure(run, Math.ceil(ROUNDS / 5));
      best[i] = { wall: Math.min(best[i]!.wall, m.wall), cpu: Math.min(best[i]!.cpu, m.cpu) };
    }
  }
  return best as { [K in keyof R]: { wall: number; cpu: number } };
}

/** Milliseconds from spawning a process to its first answer on stdout. */
function coldStart(args: string[], env: Record<string, string>, ready: RegExp): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, cwd: ROOT });
    let output = '';
    const onData = async (chunk: Buffer) => {
      output += chunk;
      const match = output.match(ready);
      if (!match) return;
      child.stdout.off('data', onData);
      if (match[1]) await fetch(match[1], { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ timeline(first: 1) { totalCount } }' }) }).then((r) => r.text());
      const ms = performance.now() - started;
      child.kill('SIGTERM');
      child.once('exit', () => resolve(ms));
    };
    child.stdout.on('data', onData);
    child.once('error', reject);
  });
}

const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;

/** A GraphQL request through the app, as text; throws on an error in the answer. */
async function ask(app: { fetch(url: string, init: RequestInit): Response | Promise<Response> }, query: string, headers: Record<string, string> = {}): Promise<string> {
  const text = await (await app.fetch('http://bench/graphql', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }) })).text();
  if (text.includes('"errors"')) throw new Error(`${query}: ${text}`);
  return text;
}

/** The other figures of the reads issue, each against the hand-written SQL it should be close to. */
async function otherReads(db: Db, app: ReturnType<typeof createApp>) {
  const sqlite = db.$client;
  const pairs: { name: string; api: string; hand: () => unknown; rounds?: number }[] = [];
  const searchHand = sqlite.prepare(`SELECT rowid, bm25(search_index) AS score, snippet(search_index, 0, '[', ']', '…', 16) FROM search_index
    WHERE search_index MATCH '"1234"' AND rowid % 8 IN (4, 5) ORDER BY score, rowid LIMIT 21`);
  pairs.push({ name: 'search "1234", items and quotes, first 20', api: '{ search(query: "1234", kinds: [TIMELINE_ITEM, QUOTE]) { edges { score snippet node { id } } } }', hand: () => searchHand.all() });
  const filteredHand = sqlite.prepare(`SELECT i.id FROM items i WHERE i.retracted_at IS NULL AND i.type = 'ACCUSATION' AND i.id IN (SELECT rowid / 8 FROM search_index WHERE search_index MATCH '"1234"' AND rowid % 8 = 4)
    ORDER BY i.date_earliest, i.date_latest, i.id LIMIT 21`);
  pairs.push({ name: 'timeline, search "1234" and type ACCUSATION', api: '{ timeline(filter: { search: "1234", types: [ACCUSATION] }) { nodes { id } } }', hand: () => filteredHand.all() });
  const totalHand = sqlite.prepare('SELECT count(*) AS n FROM items');
  pairs.push({ name: 'timeline totalCount, unfiltered', api: '{ timeline { totalCount } }', hand: () => totalHand.get(), rounds: 20 });
  const month = (x: string) => `strftime('%Y-%m-01', ${x} / 1000.0, 'unixepoch')`;
  const countsHand = sqlite.prepare(`WITH roles(item, actor) AS (SELECT item_id, claimant_id FROM claims UNION SELECT item_id, spokesperson_id FROM claims WHERE spokesperson_id IS NOT NULL
      UNION SELECT claim_id, actor_id FROM claim_accused UNION SELECT event_id, actor_id FROM event_participants)
    SELECT CASE WHEN ${month('i.date_earliest')} = ${month('i.date_latest')} THEN ${month('i.date_earliest')} END AS start, r.actor, count(*), min(i.date_earliest), max(i.date_latest)
    FROM roles r JOIN items i ON i.id = r.item WHERE i.retracted_at IS NULL GROUP BY 1, 2`);
  pairs.push({ name: 'timelineCounts MONTH by ACTOR', api: '{ timelineCounts(period: MONTH, groupBy: ACTOR) { periods { count } uncertain { count } } }', hand: () => countsHand.all(), rounds: 3 });
  const networkHand = sqlite.prepare(`WITH edges AS (
      SELECT c.claimant_id AS source, a.actor_id AS target, 'ACCUSED' AS kind, i.id AS item, i.date_earliest AS earliest, i.date_latest AS latest
        FROM items i JOIN claims c ON c.item_id = i.id JOIN claim_accused a ON a.claim_id = i.id WHERE i.type = 'ACCUSATION' AND i.retracted_at IS NULL
      UNION ALL SELECT a.actor_id, t.actor_id, 'ACTED_AGAINST', i.id, i.date_earliest, i.date_latest
        FROM items i JOIN event_participants a ON a.event_id = i.id AND a.role = 'AGENT' JOIN event_participants t ON t.event_id = i.id AND t.role = 'TARGET' WHERE i.retracted_at IS NULL),
    ranked AS (SELECT source, target, kind, item, count(*) OVER edge AS n, row_number() OVER (edge ORDER BY earliest, latest, item) AS rank
      FROM edges WHERE source <> target WINDOW edge AS (PARTITION BY source, target, kind))
    SELECT r.kind, r.n, s.name, t.name, r.item FROM ranked r JOIN actors s ON s.id = r.source JOIN actors t ON t.id = r.target WHERE r.rank <= 5 ORDER BY r.n DESC, r.source, r.target, r.kind, r.rank`);
  pairs.push({ name: 'actorNetwork, edges with counts and their first 5 items', api: '{ actorNetwork { edges { kind count source { name } target { name } items { id } } } }', hand: () => networkHand.all(), rounds: 3 });
  // A path by hand: breadth-first from both ends, one statement per level over the edges the
  // generated data has (actors' roles in items, links between items), expanding the smaller side.
  const neighbours = sqlite.prepare(`WITH a(id) AS (SELECT value FROM json_each(?)), i(id) AS (SELECT value FROM json_each(?))
    SELECT 'i' || event_id AS there, 'a' || actor_id AS here FROM event_participants WHERE actor_id IN a
    UNION ALL SELECT 'i' || item_id, 'a' || claimant_id FROM claims WHERE claimant_id IN a
    UNION ALL SELECT 'i' || item_id, 'a' || spokesperson_id FROM claims WHERE spokesperson_id IN a
    UNION ALL SELECT 'i' || claim_id, 'a' || actor_id FROM claim_accused WHERE actor_id IN a
    UNION ALL SELECT 'a' || actor_id, 'i' || event_id FROM event_participants WHERE event_id IN i
    UNION ALL SELECT 'a' || claimant_id, 'i' || item_id FROM claims WHERE item_id IN i
    UNION ALL SELECT 'a' || spokesperson_id, 'i' || item_id FROM claims WHERE item_id IN i AND spokesperson_id IS NOT NULL
    UNION ALL SELECT 'a' || actor_id, 'i' || claim_id FROM claim_accused WHERE claim_id IN i
    UNION ALL SELECT 'i' || to_item_id, 'i' || from_item_id FROM links WHERE from_item_id IN i
    UNION ALL SELECT 'i' || from_item_id, 'i' || to_item_id FROM links WHERE to_item_id IN i`);
  const ids = (nodes: string[], kind: string) => JSON.stringify(nodes.filter((n) => n[0] === kind).map((n) => Number(n.slice(1))));
  const pathHand = (from: string, to: string) => {
    const seen = [new Map([[from, '']]), new Map([[to, '']])];
    let frontiers = [[from], [to]];
    for (let length = 0; length < 8; length += 1) {
      const side = frontiers[0]!.length <= frontiers[1]!.length ? 0 : 1;
      const next: string[] = [];
      for (const { there, here } of neighbours.all(ids(frontiers[side]!, 'a'), ids(frontiers[side]!, 'i')) as { there: string; here: string }[]) {
        if (seen[1 - side]!.has(there)) return length + 1;
        if (!seen[side]!.has(there)) (seen[side]!.set(there, here), next.push(there));
      }
      frontiers[side] = next;
    }
    return null;
  };
  const actorId = (n: number) => Buffer.from(`Actor:${n}`).toString('base64');
  const pathQuery = `{ path(from: "${actorId(2)}", to: "${actorId(50)}") { length steps { via } } }`;
  const apiLength = (JSON.parse(await ask(app, pathQuery)) as { data: { path: { length: number } | null } }).data.path?.length ?? null;
  if (apiLength !== pathHand('a2', 'a50')) throw new Error(`the path by hand is ${pathHand('a2', 'a50')} steps, the API's ${apiLength}`);
  pairs.push({ name: `path from Actor 2 to Actor 50 (${apiLength} steps)`, api: pathQuery, hand: () => pathHand('a2', 'a50'), rounds: 3 });
  // Four changes after the fill; the as-of read undoes them.
  const before = new Date().toISOString();
  await new Promise((resolve) => setTimeout(resolve, 5));
  const key = createKey(db, `bench-${Date.now()}`, ['write']);
  const event = (n: number) => Buffer.from(`Event:${n}`).toString('base64');
  for (let n = 1; n <= 4; n += 1) await ask(app, `mutation { eventUpdate(input: { id: "${event(n * 2 - 1)}", changes: { summary: "Strike, revised ${n}." } }) { __typename } }`, { authorization: `Bearer ${key}` });
  pairs.push({ name: 'Q1 as of an instant 4 changes back (baseline: Q1 now, through the API)', api: Q1.replace('timeline(first: 50)', `timeline(first: 50, asOf: "${before}")`), hand: () => ask(app, Q1), rounds: 50 });
  console.log('other reads, each against hand-written SQL:');
  for (const pair of pairs) {
    const rounds = pair.rounds ?? ROUNDS;
    const h = await measure(pair.hand, rounds);
    const c = await measure(() => ask(app, pair.api), rounds);
    console.log(`  ${pair.name}: baseline ${h.wall.toFixed(2)} ms, claimline ${c.wall.toFixed(2)} ms   ${ratio(c.wall, h.wall)}`);
  }
}

async function main() {
  const fillStarted = performance.now();
  const db = openDatabase({ file });
  if (!db.$client.prepare('SELECT 1 FROM items LIMIT 1').get()) fillTimeline(db, EVENTS);
  const items = (db.$client.prepare('SELECT count(*) AS n FROM items').get() as { n: number }).n;
  console.log(`${items.toLocaleString("en")} items, ${given ? `in ${given}` : `generated in ${((performance.now() - fillStarted) / 1000).toFixed(1)} s`}`);

  const app = createApp({ db, limits: { ratePoints: 0 } });
  // A server loads the query compiler after its first answer; a loop of in-process requests never lets it.
  await loadCompiler();
  const api = () => ask(app, Q1);
  const hand = baseline(db.$client);
  const answer = JSON.parse(await api()) as { data: unknown };
  if (JSON.stringify({ data: answer.data }) !== hand()) throw new Error('the baseline does not give the API’s answer');
  const objects = (JSON.stringify(answer.data).match(/"(id|role|kind|text)":/g) ?? []).length;
  // The floor of any GraphQL answer here: the baseline's own statements and objects, served by
  // yoga with compiled execution over a schema of plain fields (bench/q1.ts: floorSchema).
  const plain = floorSchema(db.$client);
  const floorApp = createYoga({ schema: plain, graphqlEndpoint: '/graphql', landingPage: false, plugins: [compiledQueries(plain)] });
  const floor = () => ask(floorApp, Q1);
  if (JSON.stringify(JSON.parse(await floor())) !== hand()) throw new Error('the floor does not give the API’s answer');
  // And the same objects through compiled execution alone, without yoga.
  const compiled = compileQuery(plain, parse(Q1));
  if (!isCompiledQuery(compiled)) throw new Error('Q1 does not compile');
  const executed = () => JSON.stringify(compiled.query(undefined, {}, {}));
  // Interleaved rounds, each figure the best round's: on a shared machine a quiet moment then counts for all four.
  const [b, e, f, c] = await bestOfRounds([hand, executed, floor, api] as const);
  console.log(`Q1, a page of 50 items (${objects} objects), in-process:`);
  console.log(`  baseline (7 prepared statements + JSON): ${b.wall.toFixed(2)} ms wall, ${b.cpu.toFixed(2)} ms CPU`);
  console.log(`  the baseline's objects through compiled execution (plain fields): ${e.wall.toFixed(2)} ms wall   ${ratio(e.wall, b.wall)} wall`);
  console.log(`  floor: the same through yoga.fetch:      ${f.wall.toFixed(2)} ms wall   ${ratio(f.wall, b.wall)} wall, ${ratio(f.cpu, b.cpu)} CPU`);
  console.log(`  claimline API (yoga.fetch):              ${c.wall.toFixed(2)} ms wall, ${c.cpu.toFixed(2)} ms CPU   ${ratio(c.wall, b.wall)} wall, ${ratio(c.cpu, b.cpu)} CPU (${ratio(c.wall, f.wall)} the floor)`);
  await otherReads(db, app);
  db.$client.close();

  const base = await coldStart(['-e', `const D = require('better-sqlite3'); const d = new D(${JSON.stringify(file)}); d.prepare('SELECT count(*) FROM items').get(); console.log('answered');`], {}, /answered/);
  const serve = await coldStart([join(ROOT, 'bin/claimline.js'), 'serve'], { CLAIMLINE_DB: file, PORT: '0', LOG_LEVEL: 'info' }, /GraphiQL at (http:\/\/[^\s"]+)/);
  console.log(`cold start to the first answer (${items.toLocaleString('en')} items):`);
  console.log(`  baseline (open + one SELECT): ${base.toFixed(0)} ms`);
  console.log(`  claimline serve:              ${serve.toFixed(0)} ms   ${ratio(serve, base)}`);
}

try {
  await main();
} finally {
  if (folder) rmSync(folder, { recursive: true, force: true });
}
