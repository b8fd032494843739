// npm run bench:reads — reads through the whole API against hand-written baselines in the same
// run, over the same database file: Q1 (a 50-item timeline page with every item's claimant,
// spokesperson, accused, participants with roles, quotes with speakers, and links in and out with
// the other end's id and summary), both in-process and as the answer's exact JSON; and the cold
// start of `claimline serve` to its first answer. BENCH_EVENTS=N (default 100,000 events =
// 200,000 items); BENCH_ROUNDS=N (default 300).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../src/db/client.ts';
import { createApp } from '../src/server/app.ts';
import { fillTimeline } from './data.ts';
import { baseline, Q1 } from './q1.ts';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 100_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 300);
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const folder = mkdtempSync(join(tmpdir(), 'claimline-reads-'));
const file = join(folder, 'bench.db');

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
