import { execFileSync } from 'node:child_process';
import { createReadStream, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getTableConfig } from 'drizzle-orm/sqlite-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import type { Db } from '../src/db/client.ts';
import { copyOrder, copyRecord, CopyError } from '../src/db/copy.ts';
import { bounded, openPostgres, PgError, type PgConnection } from '../src/db/postgres.ts';
import { openWrite } from '../src/domain/write.ts';
import { runImport } from '../src/ingest/import.ts';
import { createKey } from '../src/domain/keys.ts';
import { fileDb } from './helpers.ts';
import { FIXTURES, ROOT } from './paths.ts';
import { claimline } from './process.ts';
import { caughtUp, freshPostgres, postgresMissing } from './postgres.ts';
import { loadBundle, readBundleFile } from '../src/domain/bundle.ts';
import { SEED_BUNDLE_PATH } from './paths.ts';

const opened: PgConnection[] = [];
const open = (url: string) => {
  const connection = openPostgres(url);
  opened.push(connection);
  return connection;
};
afterAll(() => opened.forEach((c) => c.close()));

/** `claimline ARGS` in a process of its own, with CLAIMLINE_DB=database. */
const run = (database: string, ...args: string[]) => claimline(args, { CLAIMLINE_DB: database });

/** Lets the open transaction write rows as a test sets them, without recording them (claimline's own writes record every row). */
const unrecorded = (pg: PgConnection) => pg.run("SELECT set_config('claimline.recorded', '0', true), set_config('claimline.indexed', '0', true)");

/** Every row of every table, by table, ordered by the primary key. */
function sqliteRows(db: Db): Record<string, unknown[]> {
  return Object.fromEntries(copyOrder().map((table) => [getTableConfig(table).name, db.$client.prepare(`SELECT * FROM "${getTableConfig(table).name}" ORDER BY ${orderOf(table)}`).all()]));
}
function pgRows(pg: PgConnection): Record<string, unknown[]> {
  return Object.fromEntries(copyOrder().map((table) => [getTableConfig(table).name, pg.rows(`SELECT * FROM "${getTableConfig(table).name}" ORDER BY ${orderOf(table)}`)]));
}
function orderOf(table: Parameters<typeof getTableConfig>[0]): string {
  const config = getTableConfig(table);
  const key = config.primaryKeys[0]?.columns ?? config.columns.filter((c) => c.primary);
  return key.map((c) => `"${c.name}"`).join(', ');
}

describe.skipIf(postgresMissing !== '')('PostgreSQL', () => {
  it('holds the same schema as SQLite: the tables, their columns, keys, indexes, checks and foreign keys', async () => {
    const pg = open((await freshPostgres()).primary);
    const { db } = fileDb();
    const sqlite = db.$client;
    const tables = (sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'search_index%' AND name NOT LIKE '\\_\\_%' ESCAPE '\\' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[]);
    expect(pg.rows<{ name: string }>("SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'search_index' ORDER BY tablename").map((r) => r.name)).toEqual(tables);
    for (const table of tables) {
      // By name: an SQLite file's column order follows its migrations (ALTER TABLE adds at the end).
      const columns = sqlite.prepare(`SELECT name, "notnull" OR pk > 0 AS required, pk FROM pragma_table_info(?) ORDER BY name`).all(table) as { name: string; required: number; pk: number }[];
      const pgColumns = pg.rows<{ name: string; required: boolean }>(
        "SELECT column_name AS name, is_nullable = 'NO' AS required FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 ORDER BY column_name COLLATE \"C\"",
        [table],
      );
      expect(pgColumns, table).toEqual(columns.map((c) => ({ name: c.name, required: c.required === 1 })));
      const key = columns.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name);
      expect(
        pg.rows<{ name: string }>(
          "SELECT a.attname AS name FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey) WHERE i.indrelid = $1::regclass AND i.indisprimary ORDER BY array_position(i.indkey::int2[], a.attnum)",
          [table],
        ).map((r) => r.name),
        table,
      ).toEqual(key);
      const indexes = (sqlite.prepare("SELECT name FROM pragma_index_list(?) WHERE origin = 'c' ORDER BY name").pluck().all(table) as string[]);
      const primaryKey = pg.value<string>("SELECT conname FROM pg_constraint WHERE conrelid = $1::regclass AND contype = 'p'", [table]);
      expect(pg.rows<{ name: string }>('SELECT indexname AS name FROM pg_indexes WHERE tablename = $1 AND indexname <> $2 ORDER BY indexname', [table, primaryKey]).map((r) => r.name), table).toEqual(indexes);
      const created = sqlite.prepare("SELECT sql FROM sqlite_master WHERE name = ?").pluck().get(table) as string;
      const checks = [...created.matchAll(/CONSTRAINT "([^"]+)" CHECK/g)].map((m) => m[1]).sort();
      expect(pg.rows<{ name: string }>("SELECT conname AS name FROM pg_constraint WHERE conrelid = $1::regclass AND contype = 'c' ORDER BY conname", [table]).map((r) => r.name), table).toEqual(checks);
      const foreign = (sqlite.prepare('SELECT count(DISTINCT id) FROM pragma_foreign_key_list(?)').pluck().get(table) as number);
      expect(pg.value<number>("SELECT count(*) FROM pg_constraint WHERE conrelid = $1::regclass AND contype = 'f'", [table]), table).toBe(foreign);
    }
    // Every foreign key can be deferred by an as-of read's undo (drizzle-pg/0003_deferrable_keys.sql), and is checked at once otherwise.
    expect(pg.rows("SELECT conname FROM pg_constraint WHERE contype = 'f' AND connamespace = 'public'::regnamespace AND (NOT condeferrable OR condeferred)")).toEqual([]);
    db.$client.close();
  });

  it('refuses a write outside a recorded change, and what the schema refuses, naming the constraint', async () => {
    const pg = open((await freshPostgres()).primary);
    expect(() => pg.run("INSERT INTO actors (name, kind) VALUES ('A', 'STATE')")).toThrow('claimline: a write outside a recorded change is refused');
    /** A statement's refusal, in a transaction of its own whose triggers record nothing. */
    const refusal = (statement: string) => {
      try {
        pg.transaction(() => {
          unrecorded(pg);
          pg.run(statement);
        });
      } catch (error) {
        return error as PgError;
      }
    };
    const quote = refusal("INSERT INTO quotes (source_id, kind, start, \"end\", exact, prefix, suffix) VALUES (1, 'NARRATION', 0, 3, 'hello', '', '')");
    expect(quote).toBeInstanceOf(PgError);
    expect(quote).toMatchObject({ code: '23514', table: 'quotes' });
    expect(['quotes_exact_length_check', 'quotes_speaker_check']).toContain(quote!.constraint);
    expect(refusal("INSERT INTO actors (name, kind) VALUES ('A', 'NOT_A_KIND')")).toMatchObject({ code: '23514', constraint: 'actors_kind_check' });
    expect(refusal("INSERT INTO events (item_id, title, kind, status, contexts) VALUES (1, 't', 'ASSAULT', 'REPORTED', '[]')")).toMatchObject({ code: '23503' });
    expect(refusal("INSERT INTO actors (name, kind) VALUES ('A', 'STATE')")).toBeUndefined();
  });

  it('bounds how long a server that stops answering holds a connection, unless the URL says otherwise', () => {
    const settings = (url: string) => Object.fromEntries(new URL(bounded(url)).searchParams);
    expect(settings('postgres://u:p@db.example:5432/claimline')).toEqual({ connect_timeout: '10', tcp_user_timeout: '10000', keepalives: '1', keepalives_idle: '5', keepalives_interval: '2', keepalives_count: '3' });
    expect(settings('postgres://db.example/claimline?connect_timeout=30&sslmode=require')).toMatchObject({ connect_timeout: '30', sslmode: 'require', keepalives_idle: '5' });
    expect(bounded('postgres://u:p@db.example:5432/claimline')).toMatch(/^postgres:\/\/u:p@db\.example:5432\/claimline\?/);
  });

  it('reads values as SQLite gives them: an empty text is not a null, integers and reals are numbers, and an integer past 2^53 is refused', async () => {
    const pg = open((await freshPostgres()).primary);
    expect(pg.rows(`SELECT '' AS empty, CAST(NULL AS text) AS "null", CAST(NULL AS bigint) AS "nullNumber", CAST(9007199254740991 AS bigint) AS big, 1.5 AS real, true AS yes, 'x' AS text`)).toEqual([
      { empty: '', null: null, nullNumber: null, big: 9007199254740991, real: 1.5, yes: true, text: 'x' },
    ]);
    expect(pg.value('SELECT CAST(NULL AS text)')).toBeUndefined();
    expect(pg.value("SELECT ''")).toBe('');
    expect(() => pg.rows('SELECT CAST(9007199254740993 AS bigint) AS n')).toThrow(/past 2\^53/);
  });

  it('keeps at most 2,000 prepared statements per connection, however many texts requests build', async () => {
    const pg = open((await freshPostgres()).primary);
    for (let i = 0; i < 2_100; i++) expect(pg.value<number>(`SELECT $1::int + ${i}`, [1])).toBe(i + 1);
    expect(pg.value<number>('SELECT count(*) FROM pg_prepared_statements')).toBeLessThanOrEqual(2_000);
    expect(pg.value<number>('SELECT 41 + $1::int', [1])).toBe(42);
  });

  describe('claimline copy', () => {
    let source: Db;
    let file: string;
    let urls: { primary: string; standby: string };
    beforeAll(async () => {
      ({ db: source, file } = fileDb());
      loadBundle(source, readBundleFile(SEED_BUNDLE_PATH));
      await runImport(source, { format: 'gdelt-events', file: 'events', input: createReadStream(join(FIXTURES, 'gdelt-2.0-events-sample/20191024143000.export.CSV')) });
      // History beyond the loads: an update, and an API key (its hash).
      const session = openWrite(source, { operation: 'test edit', keyName: null });
      source.$client.prepare("UPDATE actors SET description = 'edited' WHERE id = 1").run();
      session.commit();
      createKey(source, 'copied', ['write']);
      urls = await freshPostgres();
    });

    it('moves every row of every table, ids, history and keys included, and the standby holds them', async () => {
      const pg = open(urls.primary);
      const report = copyRecord(source, pg);
      const expected = sqliteRows(source);
      expect(Object.keys(report.tables)).toEqual([...Object.keys(expected), 'search_index']);
      expect(report.tables.search_index).toBe(source.$client.prepare('SELECT count(*) FROM search_index').pluck().get());
      delete report.tables.search_index;
      expect(Object.values(report.tables).reduce((a, b) => a + b, 0)).toBeGreaterThan(1_000);
      expect(report.tables).toEqual(Object.fromEntries(Object.entries(expected).map(([t, rows]) => [t, rows.length])));
      expect(pgRows(pg)).toEqual(expected);
      // The ids go on from the highest copied, as in SQLite.
      const next = pg.transaction(() => {
        unrecorded(pg);
        const id = pg.value<number>("INSERT INTO actors (name, kind) VALUES ('new', 'STATE') RETURNING id");
        pg.run('DELETE FROM actors WHERE id = $1', [id]);
        return id;
      });
      expect(next).toBe((source.$client.prepare('SELECT max(id) FROM actors').pluck().get() as number) + 1);

      const standby = open(urls.standby);
      await caughtUp(pg, standby);
      expect(pgRows(standby)).toEqual(expected);
      expect(() => standby.run("INSERT INTO actors (name, kind) VALUES ('x', 'STATE')")).toThrow(/read-only transaction/);
    });

    it('backs up from a standby into a new SQLite file, and restores that into an empty database: every row, history and search document the same', async () => {
      const folder = mkdtempSync(join(tmpdir(), 'claimline-pg-backup-'));
      const backupFile = join(folder, 'backup.db');
      const expected = sqliteRows(source);
      const documents = (db: Db) => db.$client.prepare('SELECT rowid, body FROM search_index ORDER BY rowid').all();
      await caughtUp(open(urls.primary), open(urls.standby));
      expect(run(urls.standby, 'backup', backupFile).code).toBe(0);
      // Read as it is, without migrating it (openDatabase would).
      const backup = { $client: new Database(backupFile, { readonly: true }) } as unknown as Db;
      expect(sqliteRows(backup)).toEqual(expected);
      expect(documents(backup)).toEqual(documents(source));
      backup.$client.close();
      expect(run(urls.standby, 'backup', backupFile)).toMatchObject({ code: 1, stderr: expect.stringMatching(/backup\.db exists: back up to a new file/) });

      const into = (await freshPostgres()).primary;
      expect(run(into, 'restore', backupFile).code).toBe(0);
      expect(pgRows(open(into))).toEqual(expected);
      expect(run(into, 'restore', backupFile)).toMatchObject({ code: 1, stderr: expect.stringMatching(/^claimline: the PostgreSQL database already holds records/) });
      // The backup is left as it was, and nothing beside it.
      expect(readdirSync(folder)).toEqual(['backup.db']);
      rmSync(folder, { recursive: true, force: true });
    });

    it('refuses a database that holds records, and leaves it as it was', () => {
      const pg = open(urls.primary);
      const before = pg.value<number>('SELECT count(*) FROM actors');
      expect(() => copyRecord(source, pg)).toThrow(/already holds records \(sources, actors/);
      expect(pg.value<number>('SELECT count(*) FROM actors')).toBe(before);
    });

    it('writes nothing when a value cannot be carried: text with NUL is refused by table, column and row', async () => {
      const { db } = fileDb();
      const session = openWrite(db, { operation: 'test', keyName: null });
      db.$client.prepare("INSERT INTO actors (name, kind) VALUES ('fine', 'STATE'), ('bad' || char(0) || 'name', 'STATE')").run();
      session.commit();
      const pg = open((await freshPostgres()).primary);
      expect(() => copyRecord(db, pg)).toThrow(CopyError);
      expect(() => copyRecord(db, pg)).toThrow('actors.name of row 2 holds a NUL character');
      expect(pg.value<number>('SELECT count(*) FROM changes')).toBe(0);
      db.$client.close();
    });

    it('runs as a command: the report on standard output, a one-line summary, and the URL’s password never printed', async () => {
      const target = (await freshPostgres()).primary;
      const cli = join(ROOT, 'bin/claimline.js');
      const output = execFileSync(process.execPath, [cli, 'copy', file, target.replace('postgres@', 'postgres:secret@')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      expect(JSON.parse(output).tables.actors).toBe(source.$client.prepare('SELECT count(*) FROM actors').pluck().get());
      const failed = (() => {
        try {
          execFileSync(process.execPath, [cli, 'copy', file, target.replace('postgres@', 'postgres:secret@')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
        } catch (error) {
          return error as { status: number; stderr: string };
        }
      })();
      expect(failed?.status).toBe(1);
      expect(failed?.stderr).toMatch(/^claimline: the PostgreSQL database already holds records/);
      expect(failed?.stderr).not.toContain('secret');
    });
  });

  it('a standby is opened only once its primary is migrated; the commands run on PostgreSQL', async () => {
    const urls = (await freshPostgres());
    expect(() => openPostgres(urls.standby)).toThrow(/has 0 of claimline's \d+ migrations; open its primary/);
    expect(run(urls.primary, 'keys', 'create', '--name', 'ops')).toMatchObject({ code: 0, stdout: expect.stringMatching(/^clk_/) });
    expect(run(urls.primary, 'keys', 'list')).toMatchObject({ code: 0, stdout: expect.stringMatching(/^ops\twrite\tcreated /) });
    expect(run(urls.primary, 'migrate')).toMatchObject({ code: 0, stdout: expect.stringMatching(/latest schema/) });
  });

  it('exports the record as it stood at an instant, rewound in a transaction that is rolled back; a standby refuses to', async () => {
    const urls = await freshPostgres();
    expect(run(urls.primary, 'seed').code).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 10));
    const instant = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(run(urls.primary, 'import', '--format', 'gdelt-events', join(FIXTURES, 'gdelt-2.0-events-sample/20191024143000.export.head300.CSV')).code).toBe(0);
    const rows = (...args: string[]) => run(urls.primary, 'export', '--format', 'csv', ...args).stdout.trim().split('\n').length - 1;
    expect(rows()).toBe(14 + 300);
    expect(rows('--as-of', instant)).toBe(14);
    expect(rows('--as-of', '2000-01-01T00:00:00Z')).toBe(0);
    expect(rows()).toBe(14 + 300);
    const primary = open(urls.primary);
    const standby = open(urls.standby);
    await caughtUp(primary, standby);
    const refused = run(urls.standby, 'export', '--format', 'csv', '--as-of', instant);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^claimline: --as-of .* read-only standby cannot run: CLAIMLINE_DB must name the primary\n$/);
  });
});
