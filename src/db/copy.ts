import { getTableName } from 'drizzle-orm';
import { getTableConfig, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db } from './client.ts';
import type { PgConnection } from './postgres.ts';
import { sqliteTables } from './schema-pg.ts';

// `claimline copy`: a whole record, from an SQLite file into an empty PostgreSQL database, in one
// PostgreSQL transaction (all of it or none). Every table of src/db/schema.ts is copied row for
// row with its ids: the records, the decisions, every change and row change of history, the
// import keys and the API keys (as their hashes). Then the search documents, as SQLite's triggers
// wrote them from the records (PostgreSQL indexes each as it is inserted: drizzle-pg/0001_search.sql).

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
