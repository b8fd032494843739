// npm run bench:reads — reads through the whole API against hand-written baselines in the same
// run, over the same database file: Q1 (a 50-item timeline page with every item's claimant,
// spokesperson, accused, participants with roles, quotes with speakers, and links in and out with
// the other end's id and summary), both in-process and as the answer's exact JSON; and the cold
// start of `claimline serve` to its first answer. BENCH_EVENTS=N (default 100,000 events =
// 200,000 items); BENCH_ROUNDS=N (default 300).
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../src/db/client.ts';
import { TYPENAME_OF_ITEM } from '../src/domain/editing.ts';
import { globalId } from '../src/domain/global-id.ts';
import { createApp } from '../src/server/app.ts';
import { fillTimeline } from './data.ts';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 100_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 300);
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const folder = mkdtempSync(join(tmpdir(), 'claimline-reads-'));
const file = join(folder, 'bench.db');

const Q1 = `{ timeline(first: 50) { nodes {
  __typename id summary
  ... on Claim { claimant { id name } spokesperson { id name } quotes { text speaker { id name } } }
  ... on Accusation { accused { id name } }
  ... on Event { participants { role actor { id name } } }
  linksOut { kind to { id summary } }
  linksIn { kind from { id summary } }
} } }`;

/** Q1 by hand: seven prepared statements and the same JSON, byte for byte. */
function baseline(sqlite: Database.Database) {
  const list = (ids: Iterable<number>) => JSON.stringify([...new Set(ids)]);
  const page = sqlite.prepare(`SELECT i.id, i.type, i.summary, c.claimant_id AS claimant, c.spokesperson_id AS spokesperson FROM items i LEFT JOIN claims c ON c.item_id = i.id
    WHERE i.retracted_at IS NULL ORDER BY i.date_earliest, i.date_latest, i.id LIMIT 50`);
  const accused = sqlite.prepare('SELECT claim_id AS owner, actor_id AS actor FROM claim_accused WHERE claim_id IN (SELECT value FROM json_each(?)) ORDER BY actor_id');
  const participants = sqlite.prepare('SELECT event_id AS owner, actor_id AS actor, role FROM event_participants WHERE event_id IN (SELECT value FROM json_each(?)) ORDER BY role, actor_id');
  const quotes = sqlite.prepare(`SELECT c.item_id AS owner, q.exact AS text, q.speaker_id AS speaker FROM citations c JOIN quotes q ON q.id = c.quote_id
    WHERE c.item_id IN (SELECT value FROM json_each(?)) ORDER BY c.item_id, q.source_id, q.start, q.end`);
  const out = sqlite.prepare(`SELECT l.from_item_id AS owner, l.kind, t.id, t.type, t.summary FROM links l JOIN items t ON t.id = l.to_item_id
    WHERE l.from_item_id IN (SELECT value FROM json_each(?)) AND l.retracted_at IS NULL ORDER BY l.id`);
  const into = sqlite.prepare(`SELECT l.to_item_id AS owner, l.kind, f.id, f.type, f.summary FROM links l JOIN items f ON f.id = l.from_item_id
    WHERE l.to_item_id IN (SELECT value FROM json_each(?)) AND l.retracted_at IS NULL ORDER BY l.id`);
  const actors = sqlite.prepare('SELECT id, name FROM actors WHERE id IN (SELECT value FROM json_each(?))');
  type Row = { owner: number } & Record<string, unknown>;
  const by = (rows: Row[]) => {
    const groups = new Map<number, Row[]>();
    for (const r of rows) groups.set(r.owner, [...(groups.get(r.owner) ?? []), r]);
    return groups;
  };
  return () => {
    const items = page.all() as { id: number; type: keyof typeof TYPENAME_OF_ITEM; summary: string; claimant: number | null; spokesperson: number | null }[];
    const ids = list(items.map((i) => i.id));
    const acc = by(accused.all(ids) as Row[]);
    const parts = by(participants.all(ids) as Row[]);
    const quoted = by(quotes.all(ids) as Row[]);
    const outs = by(out.all(ids) as Row[]);
    const ins = by(into.all(ids) as Row[]);
    const actorIds = [
      ...items.flatMap((i) => [i.claimant, i.spokesperson]),
      ...[...acc.values(), ...parts.values()].flat().map((r) => r.actor as number),
      ...[...quoted.values()].flat().map((r) => r.speaker as number | null),
    ].filter((id): id is number => id !== null);
    const names = new Map((actors.all(list(actorIds)) as { id: number; name: string }[]).map((a) => [a.id, a.name]));
    const actor = (id: number | null) => (id === null ? null : { id: globalId('Actor', id), name: names.get(id)! });
    const end = (r: Row) => ({ id: globalId(TYPENAME_OF_ITEM[r.type as keyof typeof TYPENAME_OF_ITEM], r.id as number), summary: r.summary });
    const nodes = items.map((i) => {
      const typename = TYPENAME_OF_ITEM[i.type];
      const node: Record<string, unknown> = { __typename: typename, id: globalId(typename, i.id), summary: i.summary };
      if (i.type !== 'EVENT') {
        node.claimant = actor(i.claimant);
        node.spokesperson = actor(i.spokesperson);
        node.quotes = (quoted.get(i.id) ?? []).map((q) => ({ text: q.text, speaker: actor(q.speaker as number | null) }));
      }
      if (i.type === 'ACCUSATION') node.accused = (acc.get(i.id) ?? []).map((a) => actor(a.actor as number));
      if (i.type === 'EVENT') node.participants = (parts.get(i.id) ?? []).map((p) => ({ role: p.role, actor: actor(p.actor as number) }));
      node.linksOut = (outs.get(i.id) ?? []).map((l) => ({ kind: l.kind, to: end(l) }));
      node.linksIn = (ins.get(i.id) ?? []).map((l) => ({ kind: l.kind, from: end(l) }));
      return node;
    });
    return JSON.stringify({ data: { timeline: { nodes } } });
  };
}

/** Mean wall and CPU milliseconds of `run`, over ROUNDS, after a warm-up. */
async function measure(run: () => unknown | Promise<unknown>): Promise<{ wall: number; cpu: number }> {
  for (let i = 0; i < 20; i += 1) await run();
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (let i = 0; i < ROUNDS; i += 1) await run();
  const used = process.cpuUsage(cpu);
  return { wall: (performance.now() - started) / ROUNDS, cpu: (used.user + used.system) / 1000 / ROUNDS };
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

async function main() {
  const fillStarted = performance.now();
  const db = openDatabase({ file });
  fillTimeline(db, EVENTS);
  const items = (db.$client.prepare('SELECT count(*) AS n FROM items').get() as { n: number }).n;
  console.log(`${items.toLocaleString('en')} items, generated in ${((performance.now() - fillStarted) / 1000).toFixed(1)} s`);

  const app = createApp({ db, limits: { ratePoints: 0 } });
  const api = async () => (await app.fetch('http://bench/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: Q1 }) })).text();
  const hand = baseline(db.$client);
  const answer = JSON.parse(await api()) as { data: unknown };
  if (JSON.stringify({ data: answer.data }) !== hand()) throw new Error('the baseline does not give the API’s answer');
  const objects = (JSON.stringify(answer.data).match(/"(id|role|kind|text)":/g) ?? []).length;
  const b = await measure(hand);
  const c = await measure(api);
  console.log(`Q1, a page of 50 items (${objects} objects), in-process:`);
  console.log(`  baseline (7 prepared statements + JSON): ${b.wall.toFixed(2)} ms wall, ${b.cpu.toFixed(2)} ms CPU`);
  console.log(`  claimline API (yoga.fetch):              ${c.wall.toFixed(2)} ms wall, ${c.cpu.toFixed(2)} ms CPU   ${ratio(c.wall, b.wall)} wall, ${ratio(c.cpu, b.cpu)} CPU`);
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
  rmSync(folder, { recursive: true, force: true });
}
