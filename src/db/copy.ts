import { getTableName } from 'drizzle-orm';
import { getTableConfig, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db } from './client.ts';
import type { PgConnection } from './postgres.ts';
import { sqliteTables } from './schema-pg.ts';

// `claimline copy`: a whole record, from an SQLite file into an empty PostgreSQL database, in one
// PostgreSQL transaction (all of it or none); and back (`claimline backup` on PostgreSQL), from
// one snapshot of the PostgreSQL database into a new SQLite file. Every table of
// src/db/schema.ts is copied row for row with its ids: the records, the decisions, every change
// and row change of history, the import keys and the API keys (as their hashes). Then the search
// documents, as the other engine's triggers wrote them from the records (PostgreSQL indexes each
// as it is inserted: drizzle-pg/0001_search.sql).

/** Rows sent to PostgreSQL per statement (one JSON parameter each). */
const BATCH = 5_000;

export interface CopyReport {
  /** Rows copied, per table, in the order they were copied. */
  tables: Record<string, number>;
  seconds: number;
}

/** A value that PostgreSQL cannot hold as SQLite does is refused, naming where it is. */
export class CopyError extends Error {
  override name = 'CopyError';
}


/** The tables with each after the tables its foreign keys name (a table naming itself is ordered within, below). */
export function copyOrder(): SQLiteTable[] {
  const ordered: SQLiteTable[] = [];
  const placed = new Set<string>();
  const visit = (table: SQLiteTable, path: string[]) => {
    const name = getTableName(table);
    if (placed.has(name)) return;
    if (path.includes(name)) throw new Error(`foreign keys form a cycle: ${[...path, name].join(' → ')}`);
    for (const fk of getTableConfig(table).foreignKeys) {
      const target = fk.reference().foreignTable as SQLiteTable;
      if (getTableName(target) !== name) visit(target, [...path, name]);
    }
    placed.add(name);
    ordered.push(table);
  };
  for (const [, table] of sqliteTables) visit(table, []);
  return ordered;
}

/** The SELECT that reads a table's rows, parents before children where the table refers to itself. */
function readAll(table: SQLiteTable): string {
  const config = getTableConfig(table);
  const name = config.name;
  const columns = config.columns.map((c) => `"${c.name}"`).join(', ');
  const self = config.foreignKeys.map((fk) => fk.reference()).filter((r) => getTableName(r.foreignTable) === name);
  if (self.length === 0) return `SELECT ${columns} FROM "${name}"`;
  if (self.length > 1 || self[0]!.columns.length > 1) throw new Error(`${name}: more than one reference to itself is not ordered`);
  const [child, parent] = [self[0]!.columns[0]!.name, self[0]!.foreignColumns[0]!.name];
  // Each row at its depth below a row without a parent; a row on a cycle has none and is not read.
  return `WITH RECURSIVE depth (key, d) AS (
      SELECT "${parent}", 0 FROM "${name}" WHERE "${child}" IS NULL
      UNION ALL SELECT t."${parent}", depth.d + 1 FROM "${name}" t JOIN depth ON t."${child}" = depth.key)
    SELECT ${config.columns.map((c) => `t."${c.name}"`).join(', ')} FROM "${name}" t JOIN depth ON t."${parent}" = depth.key ORDER BY depth.d`;
}

/** Refuses what PostgreSQL would store otherwise than SQLite holds it: NUL in text, a real that JSON cannot carry. */
function checked(value: unknown, table: string, column: string, row: unknown[]): unknown {
  if (typeof value === 'string' && value.includes('\u0000')) throw new CopyError(`${table}.${column} of row ${JSON.stringify(row[0])} holds a NUL character, which PostgreSQL text cannot hold`);
  if (typeof value === 'number' && !Number.isFinite(value)) throw new CopyError(`${table}.${column} of row ${JSON.stringify(row[0])} holds ${value}, which the copy cannot carry`);
  if (typeof value === 'bigint' || value instanceof Uint8Array) throw new CopyError(`${table}.${column} of row ${JSON.stringify(row[0])} holds a ${typeof value === 'bigint' ? 'bigint' : 'blob'}, which the schema does not`);
  return value;
}

/** Inserts rows (arrays of the columns `names`) into the table `name`, a batch per statement; returns how many. */
function copyRows(rows: IterableIterator<unknown[]>, name: string, names: string[], target: PgConnection): number {
  const list = names.map((n) => `"${n}"`).join(', ');
  const insert = `INSERT INTO "${name}" (${list}) SELECT ${list} FROM json_populate_recordset(NULL::"${name}", $1::json)`;
  let batch: Record<string, unknown>[] = [];
  let copied = 0;
  const flush = () => {
    if (batch.length) copied += target.run(insert, [JSON.stringify(batch)]);
    batch = [];
  };
  for (const row of rows) {
    const object: Record<string, unknown> = {};
    for (let i = 0; i < names.length; i++) object[names[i]!] = checked(row[i], name, names[i]!, row);
    batch.push(object);
    if (batch.length === BATCH) flush();
  }
  flush();
  return copied;
}

/** Copies every table of `source` into `target`, which must hold no records yet. */
export function copyRecord(source: Db, target: PgConnection): CopyReport {
  const started = Date.now();
  const order = copyOrder();
  const held = order.map((t) => getTableName(t)).filter((name) => target.value<boolean>(`SELECT EXISTS (SELECT 1 FROM "${name}")`));
  if (held.length) throw new CopyError(`the PostgreSQL database already holds records (${held.join(', ')}): copy into an empty database`);
  const tables: Record<string, number> = {};
  target.transaction(() => {
    // The rows are copied as they stand, history included: the triggers record and index nothing meanwhile.
    target.run("SELECT set_config('claimline.recorded', '0', true), set_config('claimline.indexed', '0', true)");
    for (const table of order) {
      const config = getTableConfig(table);
      const name = config.name;
      const names = config.columns.map((c) => c.name);
      const copied = copyRows(source.$client.prepare(readAll(table)).raw().iterate() as IterableIterator<unknown[]>, name, names, target);
      const held = (source.$client.prepare(`SELECT count(*) FROM "${name}"`).pluck().get() as number);
      if (copied !== held) throw new CopyError(`${name}: ${held} rows, of which ${copied} were copied (a row whose parent chain does not end is not copied)`);
      tables[name] = copied;
      // The identity goes on from the highest id copied, as SQLite's rowid would.
      const identity = config.columns.find((c) => c.primary && c.columnType === 'SQLiteInteger' && target.value<string>(`SELECT pg_get_serial_sequence('"${name}"', '${c.name}')`));
      if (identity) target.run(`SELECT setval(pg_get_serial_sequence('"${name}"', '${identity.name}'), coalesce(max("${identity.name}"), 0) + 1, false) FROM "${name}"`);
    }
    tables.search_index = copyRows(source.$client.prepare('SELECT rowid, body FROM search_index').raw().iterate() as IterableIterator<unknown[]>, 'search_index', ['rowid', 'body'], target);
  });
  return { tables, seconds: (Date.now() - started) / 1000 };
}

/** Rows read from PostgreSQL per statement, by their primary key (the memory a table's copy takes). */
const PAGE = 5_000;

/**
 * Copies every table of the PostgreSQL database into `target`, a new SQLite database at the same
 * schema (what `claimline backup` writes from PostgreSQL): one snapshot (a repeatable-read, read-only
 * transaction, which a standby runs too, and which holds no writer up), each table read a page at
 * a time in the order of its primary key; the SQLite file is written in one transaction, its
 * foreign keys checked at its end. The search documents are copied as PostgreSQL holds them.
 */
export function copyToSqlite(source: PgConnection, target: Db): CopyReport {
  const started = Date.now();
  const order = copyOrder();
  const tables: Record<string, number> = {};
  const held = order.map((t) => getTableName(t)).filter((name) => target.$client.prepare(`SELECT EXISTS (SELECT 1 FROM "${name}")`).pluck().get());
  if (held.length) throw new CopyError(`the SQLite database already holds records (${held.join(', ')}): copy into a new file`);
  source.script('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  try {
    target.$client.exec('BEGIN IMMEDIATE');
    // Rows arrive by key, not parents first: the keys are checked once all are in.
    target.$client.pragma('defer_foreign_keys = ON');
    target.$write.recorded = false;
    target.$write.indexed = false;
    try {
      const pages = (name: string, columns: string[], key: string[]) => {
        const list = columns.map((c) => `"${c}"`).join(', ');
        const ordered = key.map((c) => `"${c}"`).join(', ');
        const after = key.map((_, i) => `$${i + 1}`).join(', ');
        return function* (): Generator<unknown[]> {
          let last: unknown[] | null = null;
          for (;;) {
            const rows: Record<string, unknown>[] = last
              ? source.rows(`SELECT ${list} FROM "${name}" WHERE (${ordered}) > (${after}) ORDER BY ${ordered} LIMIT ${PAGE}`, last)
              : source.rows(`SELECT ${list} FROM "${name}" ORDER BY ${ordered} LIMIT ${PAGE}`);
            for (const row of rows) yield columns.map((c) => row[c]);
            if (rows.length < PAGE) return;
            last = key.map((c) => rows.at(-1)![c]);
          }
        };
      };
      const copyTable = (name: string, columns: string[], key: string[]) => {
        const insert = target.$client.prepare(`INSERT INTO "${name}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
        let copied = 0;
        for (const row of pages(name, columns, key)()) {
          insert.run(...row);
          copied += 1;
        }
        return copied;
      };
      for (const table of order) {
        const config = getTableConfig(table);
        const key = (config.primaryKeys[0]?.columns ?? config.columns.filter((c) => c.primary)).map((c) => c.name);
        tables[config.name] = copyTable(config.name, config.columns.map((c) => c.name), key);
      }
      tables.search_index = copyTable('search_index', ['rowid', 'body'], ['rowid']);
      const broken = target.$client.pragma('foreign_key_check') as { table: string; rowid: number; parent: string }[];
      if (broken.length) throw new CopyError(`${broken[0]!.table} row ${broken[0]!.rowid} names a ${broken[0]!.parent} row that the database does not hold (${broken.length} such rows)`);
    } finally {
      target.$write.recorded = true;
      target.$write.indexed = true;
    }
    target.$client.exec('COMMIT');
  } catch (error) {
    if (target.$client.inTransaction) target.$client.exec('ROLLBACK');
    throw error;
  } finally {
    source.script('ROLLBACK');
  }
  return { tables, seconds: (Date.now() - started) / 1000 };
}
