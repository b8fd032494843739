// npm run bench:http — Q1 (bench/q1.ts) over HTTP at 100 connections (autocannon, on this
// machine, 127.0.0.1 only), against a minimal node:http server running the same SQL by hand
// over the same database file, interleaved: req/s, p50, p99 and the ratios; then both at half of
// claimline's maximum rate, where their p99 latencies are compared. BENCH_EVENTS=N (default
// 100,000 events = 200,000 items), BENCH_SECONDS=N per run (default 8), CLAIMLINE_WORKERS as
// for `claimline serve` (default: one per core, at most 4).
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../src/db/client.ts';
import { fillTimeline } from './data.ts';
import { baseline, Q1 } from './q1.ts';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 100_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const folder = mkdtempSync(join(tmpdir(), 'claimline-http-bench-'));
const file = join(folder, 'bench.db');
const BODY = JSON.stringify({ query: Q1 });

/** The hand-written server: node:http, the same seven statements, the same JSON. */
function baselineServer(): Promise<{ url: string; close: () => void }> {
  const sqlite = new Database(file, { readonly: true });
  const answer = baseline(sqlite);
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(answer());
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`, close: () => (server.close(), sqlite.close()) })),
  );
}

/** A port nothing listens on now. */
function freePort(): Promise<number> {
  const probe = createServer();
  return new Promise((resolve) => probe.listen(0, '127.0.0.1', () => {
    const { port } = probe.address() as AddressInfo;
    probe.close(() => resolve(port));
  }));
}

/** `claimline serve` as a user starts it, over the same file, without rate limits or request logs; ready when /ready says so. */
async function claimlineServer(): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, [join(ROOT, 'bin/claimline.js'), 'serve'], {
    env: { ...process.env, CLAIMLINE_DB: file, PORT: String(port), CLAIMLINE_RATE_LIMIT_POINTS: '0', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const exited = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`claimline serve exited with ${code}`))));
  for (let waited = 0; ; waited += 100) {
    const ready = await Promise.race([fetch(`http://127.0.0.1:${port}/ready`).then((r) => r.ok, () => false), exited]);
    if (ready) return { url: `http://127.0.0.1:${port}/graphql`, child };
    if (waited > 60_000) throw new Error('claimline serve was not ready within 60 s');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

interface Run {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

async function load(url: string, options: { connections: number; rate?: number }): Promise<Run> {
  const result = await autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: BODY,
    connections: options.connections,
    duration: SECONDS,
    ...(options.rate ? { overallRate: options.rate } : {}),
  });
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.non2xx };
}

const show = (name: string, r: Run) => `  ${name.padEnd(34)} ${r.rps.toFixed(0).padStart(6)} req/s   p50 ${String(r.p50).padStart(4)} ms   p99 ${String(r.p99).padStart(5)} ms${r.errors ? `   ${r.errors} errors` : ''}`;

async function main() {
  const db = openDatabase({ file });
  fillTimeline(db, EVENTS);
  const items = (db.$client.prepare('SELECT count(*) AS n FROM items').get() as { n: number }).n;
  db.$client.close();
  const hand = await baselineServer();
  const served = await claimlineServer();
  try {
    // Both answer Q1 the same before anything is measured.
    const [a, b] = await Promise.all([hand.url, served.url].map(async (url) => (await (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: BODY })).json()) as { data: unknown }));
    if (JSON.stringify(a!.data) !== JSON.stringify(b!.data)) throw new Error('the two servers answer differently');
    console.log(`Q1 over HTTP, ${items.toLocaleString('en')} items, 100 connections, ${SECONDS} s per run, interleaved:`);
    const runs: { hand: Run[]; claimline: Run[] } = { hand: [], claimline: [] };
    for (let round = 0; round < 2; round += 1) {
      runs.hand.push(await load(hand.url, { connections: 100 }));
      runs.claimline.push(await load(served.url, { connections: 100 }));
    }
    const best = (list: Run[]) => list.reduce((x, y) => (y.rps > x.rps ? y : x));
    const [h, c] = [best(runs.hand), best(runs.claimline)];
    console.log(show('baseline (node:http + 7 statements)', h));
    console.log(show('claimline serve', c));
    console.log(`  ratio: ${(c.rps / h.rps).toFixed(2)}× the baseline's requests per second`);
    const rate = Math.max(1, Math.floor(c.rps / 2));
    const halfHand = await load(hand.url, { connections: 100, rate });
    const halfClaimline = await load(served.url, { connections: 100, rate });
    console.log(`at ${rate} req/s (half of claimline's maximum):`);
    console.log(show('baseline', halfHand));
    console.log(show('claimline serve', halfClaimline));
    console.log(`  p99 ratio: ${(halfClaimline.p99 / Math.max(halfHand.p99, 1)).toFixed(2)}×`);
  } finally {
    hand.close();
    served.child.kill('SIGTERM');
    await new Promise((resolve) => served.child.once('exit', resolve));
    rmSync(folder, { recursive: true, force: true });
  }
}

await main();
