// npm run bench:import — imports GDELT-format data (1,000,000 rows by default; BENCH_ROWS=N)
// with `claimline import` (the built command, its peak RSS read while it runs), and through a
// raw-SQL baseline in the same run: the same file read and split the same way, one prepared
// INSERT per row into a bare table, one transaction. A second baseline is the floor of any writer
// of these records: the rows claimline wrote (items, events, participants, places, codings,
// citations, keys, history, search documents) copied by SQLite alone, table by table, into a
// fresh claimline database in one transaction, with no parsing, no JavaScript and no checks.
import Database from 'better-sqlite3';
import { createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readLines } from '../src/ingest/rows.ts';
import { openDatabase } from '../src/db/client.ts';

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const SAMPLE = process.env.GDELT_SAMPLE ?? fileURLToPath(new URL('../test/fixtures/gdelt-2.0-events-sample/20191024143000.export.CSV', import.meta.url));
const folder = mkdtempSync(join(tmpdir(), 'claimline-bench-'));
const file = join(folder, 'events.CSV');

/** Real GDELT rows as templates: new ids, and 50,000 distinct source URLs, as a day of GDELT has. */
async function generate() {
  const templates = readFileSync(SAMPLE, 'utf8').split('\n').filter(Boolean).map((line) => line.split('\t'));
  const out = createWriteStream(file);
  for (let i = 0; i < ROWS; i += 1) {
    const fields = [...templates[i % templates.length]!];
    fields[0] = String(2_000_000_000 + i);
    fields[60] = `${fields[60]}#${i % 50_000}`;
    if (!out.write(`${fields.join('\t')}\n`)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise((resolve) => out.end(resolve));
}

async function baseline(): Promise<number> {
  const db = new Database(join(folder, 'baseline.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec('CREATE TABLE events (id INTEGER PRIMARY KEY, day TEXT NOT NULL, code TEXT NOT NULL, url TEXT NOT NULL)');
  const insert = db.prepare('INSERT INTO events (id, day, code, url) VALUES (?, ?, ?, ?)');
  const started = performance.now();
  db.exec('BEGIN');
  for await (const { text } of readLines(createReadStream(file))) {
    const f = text!.split('\t');
    insert.run(Number(f[0]), f[1], f[26], f[60]);
  }
  db.exec('COMMIT');
  const seconds = (performance.now() - started) / 1000;
  db.close();
  return seconds;
}

let peakRss = 0;

/** `claimline import` as a user runs it; its peak RSS is read from /proc while it runs (Linux). */
async function claimline(): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, [fileURLToPath(new URL('../bin/claimline.js', import.meta.url)), 'import', '--format', 'gdelt-events', file], {
    env: { ...process.env, CLAIMLINE_DB: join(folder, 'claimline.db') },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const peak = () => {
    const high = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
    if (high) peakRss = Math.max(peakRss, Number(high[1]) * 1024);
  };
  const sampler = setInterval(() => {
    try {
      peak();
    } catch {
      // It has just exited.
    }
  }, 100);
  const [code] = (await once(child, 'exit')) as [number];
  clearInterval(sampler);
  const seconds = (performance.now() - started) / 1000;
  if (code !== 0 || !stderr.includes(`${ROWS.toLocaleString('en')} created`)) throw new Error(`claimline import failed (exit ${code}):\n${stderr}`);
  return seconds;
}

/** The floor: the imported database's rows copied into a fresh one by SQLite itself. */
function floor(): { seconds: number; rows: number } {
  const target = join(folder, 'floor.db');
  openDatabase({ file: target }).$client.close();
  const db = new Database(target);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('cache_size = -65536');
  // The triggers stand aside (the history rows and search documents are copied as they are).
  db.function('claimline_change', () => 0);
  db.function('claimline_recorded', () => 0);
  db.function('claimline_indexed', () => 0);
  db.exec(`ATTACH '${join(folder, 'claimline.db')}' AS imported`);
  const tables = (db.prepare("SELECT name FROM imported.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '\\_\\_%' ESCAPE '\\' AND name NOT LIKE 'search_index%'").pluck().all() as string[]);
  const started = performance.now();
  let rows = 0;
  db.exec('BEGIN');
  // Foreign keys are checked, as in claimline's import, at the commit (the tables come in any order).
  db.pragma('defer_foreign_keys = ON');
  for (const table of tables) rows += db.prepare(`INSERT INTO main.${table} SELECT * FROM imported.${table}`).run().changes;
  rows += db.prepare('INSERT INTO main.search_index (rowid, body) SELECT rowid, body FROM imported.search_index').run().changes;
  db.exec('COMMIT');
  const seconds = (performance.now() - started) / 1000;
  db.close();
  return { seconds, rows };
}

try {
  await generate();
  const mb = statSync(file).size / 1e6;
  const raw = await baseline();
  const ours = await claimline();
  const least = floor();
  const rate = (s: number) => Math.round(ROWS / s).toLocaleString('en');
  console.log(`${ROWS.toLocaleString('en')} GDELT rows (${mb.toFixed(0)} MB)`);
  console.log(`  baseline, raw SQL (1 insert/row, bare table): ${raw.toFixed(1)} s  ${rate(raw)} rows/s`);
  console.log(`  claimline import (events, actors, places, sources, citations, search index): ${ours.toFixed(1)} s  ${rate(ours)} rows/s  (${(ours / raw).toFixed(1)}x the baseline), peak RSS ${Math.round(peakRss / 2 ** 20)} MiB`);
  console.log(`  floor, the same ${least.rows.toLocaleString('en')} rows copied by SQLite into a fresh claimline database: ${least.seconds.toFixed(1)} s  ${rate(least.seconds)} rows/s  (claimline: ${(ours / least.seconds).toFixed(1)}x the floor)`);
} finally {
  rmSync(folder, { recursive: true, force: true });
}
