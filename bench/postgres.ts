// npm run bench:postgres — claimline on PostgreSQL beside claimline on SQLite, each against a
// hand-written baseline on its own engine, in the same run: Q1 (bench/q1.ts), a filtered page of
// the timeline, and an import of GDELT rows. PostgreSQL is a primary started here as in the tests
// (test/postgres-cluster.ts: loopback, fsync off), so both engines write without waiting for disk.
// BENCH_EVENTS=N (default 50,000 events = 100,000 items), BENCH_ROWS=N (default 100,000 GDELT
// rows), BENCH_ROUNDS=N (default 200).
import Database from 'better-sqlite3';
import { createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase, type Db } from '../src/db/client.ts';
import { copyRecord, copyToSqlite } from '../src/db/copy.ts';
import { openPostgresDb, PgConnection, type PgClient } from '../src/db/postgres.ts';
import { globalId } from '../src/domain/global-id.ts';
import { runImport } from '../src/ingest/import.ts';
import { readLines } from '../src/ingest/rows.ts';
import { createApp } from '../src/server/app.ts';
import { compiledQueries, loadCompiler } from '../src/server/compiled.ts';
import { createYoga } from 'graphql-yoga';
import { postgresBinaries, startCluster } from '../test/postgres-cluster.ts';
import { fillTimeline } from './data.ts';
import { baseline, floorSchema, postgresBaseline, Q1 } from './q1.ts';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 50_000);
const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 200);
const SAMPLE = fileURLToPath(new URL('../test/fixtures/gdelt-2.0-events-sample/20191024143000.export.CSV', import.meta.url));

/** For each run, its best mean over five interleaved rounds of ROUNDS / 5 (after a warm-up). */
async function best(runs: (() => unknown)[]): Promise<number[]> {
  const times = runs.map(() => Infinity);
  for (const run of runs) for (let i = 0; i < 20; i++) await run();
  for (let round = 0; round < 5; round++) {
    for (const [i, run] of runs.entries()) {
      const started = performance.now();
      for (let n = 0; n < ROUNDS / 5; n++) await run();
      times[i] = Math.min(times[i]!, (performance.now() - started) / (ROUNDS / 5));
    }
  }
  return times;
}

const ask = (app: { fetch: ReturnType<typeof createApp>['fetch'] }, query: string) => async () =>
  (await app.fetch('http://bench/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) })).text();

// A filtered page: the events of one spring, 50 of them with their dates.
const FILTERED = `{ timeline(first: 50, filter: { types: [EVENT], date: { from: "2017-03", to: "2017-05" } }) { nodes { id summary date { edtf } } } }`;
const [SPRING_FROM, SPRING_TO] = [Date.parse('2017-03-01T00:00:00Z'), Date.parse('2017-06-01T00:00:00Z') - 1];
const FILTERED_SQL = `SELECT id, summary, date_edtf AS edtf FROM items WHERE type = 'EVENT' AND retracted_at IS NULL AND date_latest >= ${SPRING_FROM} AND date_earliest <= ${SPRING_TO}
  ORDER BY date_earliest, date_latest, id LIMIT 50`;
const filteredJson = (rows: { id: number; summary: string; edtf: string }[]) =>
  JSON.stringify({ data: { timeline: { nodes: rows.map((r) => ({ id: globalId('Event', r.id), summary: r.summary, date: { edtf: r.edtf } })) } } });

/** GDELT rows from the sample's, with new ids (as bench/import.ts makes them). */
async function gdeltFile(file: string): Promise<void> {
  const templates = readFileSync(SAMPLE, 'utf8').split('\n').filter(Boolean).map((line) => line.split('\t'));
  const out = createWriteStream(file);
  for (let i = 0; i < ROWS; i++) {
    const fields = [...templates[i % templates.length]!];
    fields[0] = String(2_000_000_000 + i);
    fields[60] = `${fields[60]}#${i % 50_000}`;
    if (!out.write(`${fields.join('\t')}\n`)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise((resolve) => out.end(resolve));
}

/** The hand-written import: the same file read and split the same way, one prepared INSERT per row into a bare table, one transaction. */
async function rawImport(file: string, insert: (row: string[]) => void, begin: () => void, commit: () => void): Promise<number> {
  const started = performance.now();
  begin();
  for await (const line of readLines(createReadStream(file))) {
    if (line.text === null) continue;
    const f = line.text.split('\t');
    insert([f[0]!, f[1]!, f[26]!, f[60]!]);
  }
  commit();
  return (performance.now() - started) / 1000;
}

/**
 * Why imports send rows as one jsonb array rather than by COPY: the same batches of rows of 12
 * columns (into a table with a foreign key and an index), each way, built in JavaScript as each
 * needs them, in one transaction; the best of three rounds of 10 batches of 2,000.
 */
function copyAgainstJsonb(pg: PgConnection): { copy: number; jsonb: number } {
  // libpq's COPY calls, which claimline's connection does not otherwise use.
  const pq = (pg as unknown as { pq: { exec(t: string): void; resultStatus(): string; resultErrorMessage(): string; putCopyData(b: Buffer): number; putCopyEnd(): number; getResult(): boolean } }).pq;
  const columns = ['item_id', 'code', 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'];
  const types = ['bigint', 'text', 'bigint', 'double precision', 'text', 'text', 'text', 'bigint', 'bigint', 'double precision', 'text', 'text'];
  pg.script(`CREATE TABLE parents (id bigint PRIMARY KEY); INSERT INTO parents SELECT generate_series(1, 120000);
    CREATE TABLE rows (${columns.map((c, i) => `${c} ${types[i]}${i === 0 ? ' PRIMARY KEY REFERENCES parents (id) DEFERRABLE' : ''}`).join(', ')}); CREATE INDEX ON rows (code)`);
  let next = 1;
  const batch = () => Array.from({ length: 2_000 }, () => {
    const id = next++;
    return [id, `C${id % 300}`, id * 7, id / 3, `text ${id}`, 'a longer text of some words', 'eeeeeeeeeeeee', id, id * 2, 1.5, 'iiiiii', `http://example.com/a/b/c/${id}`];
  });
  const jsonb = `INSERT INTO rows (${columns}) SELECT ${columns.map((c, i) => `CAST(value ->> ${i} AS ${types[i]})`).join(', ')} FROM jsonb_array_elements(CAST($1 AS jsonb)) AS w(value)`;
  const escaped = (v: unknown) => (v === null ? '\\N' : String(v).replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]!));
  const copy = (rows: unknown[][]) => {
    pq.exec(`COPY rows (${columns}) FROM STDIN`);
    if (pq.resultStatus() !== 'PGRES_COPY_IN') throw new Error(pq.resultErrorMessage());
    pq.putCopyData(Buffer.from(rows.map((r) => r.map(escaped).join('\t')).join('\n') + '\n'));
    pq.putCopyEnd();
    pq.getResult();
    if (pq.resultStatus() !== 'PGRES_COMMAND_OK') throw new Error(pq.resultErrorMessage());
    while (pq.getResult());
  };
  const times = { copy: Infinity, jsonb: Infinity };
  pg.script('BEGIN');
  for (let round = 0; round < 3; round++) {
    for (const [name, run] of [['jsonb', (r: unknown[][]) => pg.run(jsonb, [JSON.stringify(r)])], ['copy', copy]] as const) {
      const started = performance.now();
      for (let i = 0; i < 10; i++) run(batch());
      times[name] = Math.min(times[name], performance.now() - started);
    }
  }
  pg.script('ROLLBACK');
  return times;
}

async function main() {
  const bin = postgresBinaries();
  if (!bin) throw new Error('no PostgreSQL binaries (apt-get install postgresql)');
  const cluster = await startCluster(bin);
  const folder = mkdtempSync(join(tmpdir(), 'claimline-bench-pg-'));
  try {
    const admin = new PgConnection(cluster.primary);
    for (const name of ['reads', 'imported', 'raw', 'rows']) admin.script(`CREATE DATABASE ${name}`);
    admin.close();
    const on = (name: string) => cluster.primary.replace(/\/postgres$/, `/${name}`);

    console.log(`claimline on PostgreSQL ${bin.match(/\d+/)?.[0]} beside SQLite: ${(EVENTS * 2).toLocaleString('en')} items, best of 5 interleaved rounds`);
    const sqlite = openDatabase({ file: join(folder, 'reads.db') });
    fillTimeline(sqlite, EVENTS);
    const postgres = openPostgresDb(on('reads'));
    const connection = (postgres.$client as unknown as PgClient).connection;
    let started = performance.now();
    const copied = copyRecord(sqlite, connection);
    const rows = Object.values(copied.tables).reduce((a, b) => a + b, 0);
    console.log(`  claimline copy: ${rows.toLocaleString('en')} rows in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    connection.script('VACUUM ANALYZE');
    started = performance.now();
    const backup = openDatabase({ file: join(folder, 'backup.db') });
    copyToSqlite(connection, backup);
    backup.$client.close();
    console.log(`  claimline backup (PostgreSQL into a new SQLite file): the same rows in ${((performance.now() - started) / 1000).toFixed(1)} s`);

    const apps = { sqlite: createApp({ db: sqlite, limits: { ratePoints: 0 } }), postgres: createApp({ db: postgres, limits: { ratePoints: 0 } }) };
    // A server loads the query compiler after its first answer; a loop of in-process requests never lets it.
    await loadCompiler();
    const hand = new Database(join(folder, 'reads.db'), { readonly: true });
    const handSqlite = baseline(hand);
    const handPostgres = postgresBaseline(new PgConnection(on('reads')));
    for (const [name, api, by] of [['SQLite', apps.sqlite, handSqlite], ['PostgreSQL', apps.postgres, handPostgres]] as const) {
      if (JSON.stringify({ data: (JSON.parse(await ask(api, Q1)()) as { data: unknown }).data }) !== by()) throw new Error(`${name}: the Q1 baseline's answer differs from the API's`);
    }
    // The floor of any GraphQL answer (bench/q1.ts: floorSchema): each baseline's own statements
    // and objects, served by yoga with compiled execution over a schema of plain fields.
    const floorOf = (database: Database.Database | PgConnection) => {
      const schema = floorSchema(database);
      return createYoga({ schema, graphqlEndpoint: '/graphql', landingPage: false, plugins: [compiledQueries(schema)] });
    };
    const floors = { sqlite: floorOf(hand), postgres: floorOf(new PgConnection(on('reads'))) };
    const filteredHand = {
      sqlite: () => filteredJson(hand.prepare(FILTERED_SQL).all() as never),
      postgres: (() => {
        const pg = new PgConnection(on('reads'));
        return () => filteredJson(pg.rows(FILTERED_SQL) as never);
      })(),
    };
    for (const engine of ['sqlite', 'postgres'] as const) {
      const answer = JSON.parse(await ask(apps[engine], FILTERED)()) as { data: unknown };
      if (JSON.stringify(answer.data) !== JSON.stringify(JSON.parse(filteredHand[engine]()).data)) throw new Error(`${engine}: the filtered baseline's answer differs from the API's`);
    }
    const [q1s, q1sHand, q1p, q1pHand, q1sFloor, q1pFloor, fs, fsHand, fp, fpHand] = await best([
      ask(apps.sqlite, Q1), handSqlite, ask(apps.postgres, Q1), handPostgres, ask(floors.sqlite, Q1), ask(floors.postgres, Q1),
      ask(apps.sqlite, FILTERED), filteredHand.sqlite, ask(apps.postgres, FILTERED), filteredHand.postgres,
    ]);
    const line = (what: string, api: number, by: number) => console.log(`  ${what.padEnd(40)} claimline ${api.toFixed(2)} ms, baseline ${by.toFixed(2)} ms: ${(api / by).toFixed(2)}x`);
    line('Q1 (50 items, in-process), SQLite', q1s!, q1sHand!);
    line('Q1 (50 items, in-process), PostgreSQL', q1p!, q1pHand!);
    line('Q1 floor (baseline via yoga), SQLite', q1sFloor!, q1sHand!);
    line('Q1 floor (baseline via yoga), PostgreSQL', q1pFloor!, q1pHand!);
    line('filtered page (50 events), SQLite', fs!, fsHand!);
    line('filtered page (50 events), PostgreSQL', fp!, fpHand!);
    hand.close();

    const file = join(folder, 'events.CSV');
    await gdeltFile(file);
    const importInto = async (db: Db) => {
      const began = performance.now();
      const report = await runImport(db, { format: 'gdelt-events', file, input: createReadStream(file) });
      if (report.outcomes.created !== ROWS) throw new Error(`imported ${report.outcomes.created} of ${ROWS}`);
      return (performance.now() - began) / 1000;
    };
    const sqliteImport = await importInto(openDatabase({ file: join(folder, 'imported.db') }));
    const postgresImport = await importInto(openPostgresDb(on('imported')));
    const bare = new Database(join(folder, 'raw.db'));
    bare.pragma('journal_mode = WAL');
    bare.pragma('synchronous = NORMAL');
    bare.exec('CREATE TABLE events (id INTEGER PRIMARY KEY, day TEXT NOT NULL, code TEXT NOT NULL, url TEXT NOT NULL)');
    const sqliteInsert = bare.prepare('INSERT INTO events VALUES (?, ?, ?, ?)');
    const sqliteRaw = await rawImport(file, (r) => sqliteInsert.run(...r), () => bare.exec('BEGIN'), () => bare.exec('COMMIT'));
    const pg = new PgConnection(on('raw'));
    pg.script('CREATE TABLE events (id bigint PRIMARY KEY, day text NOT NULL, code text NOT NULL, url text NOT NULL)');
    const postgresRaw = await rawImport(file, (r) => pg.run('INSERT INTO events VALUES ($1, $2, $3, $4)', r), () => pg.script('BEGIN'), () => pg.script('COMMIT'));
    pg.close();
    const rate = (seconds: number) => Math.round(ROWS / seconds).toLocaleString('en');
    console.log(`  import of ${ROWS.toLocaleString('en')} GDELT rows (baseline: one INSERT per row into a bare table, one transaction):`);
    console.log(`    SQLite:     claimline ${sqliteImport.toFixed(1)} s (${rate(sqliteImport)} rows/s), baseline ${sqliteRaw.toFixed(1)} s: ${(sqliteImport / sqliteRaw).toFixed(2)}x`);
    console.log(`    PostgreSQL: claimline ${postgresImport.toFixed(1)} s (${rate(postgresImport)} rows/s), baseline ${postgresRaw.toFixed(1)} s: ${(postgresImport / postgresRaw).toFixed(2)}x`);
    const rowsDb = new PgConnection(on('rows'));
    const ways = copyAgainstJsonb(rowsDb);
    rowsDb.close();
    console.log(`  20,000 rows of 12 columns in batches of 2,000: as a jsonb array ${ways.jsonb.toFixed(0)} ms, by COPY ${ways.copy.toFixed(0)} ms: ${(ways.copy / ways.jsonb).toFixed(2)}x`);
    await apps.sqlite.editor.close();
    await apps.postgres.editor.close();
  } finally {
    cluster.stop();
    rmSync(folder, { recursive: true, force: true });
  }
}

await main();
process.exit(0);
