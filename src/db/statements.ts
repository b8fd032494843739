import type { Statement } from 'better-sqlite3';
import { getTableColumns, getTableName, type SQL } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db } from './client.ts';
import { amongIds, perEngine, render } from './dialect.ts';

// The hot reads run as constant SQL text prepared once per connection: a batch of ids is one
// JSON parameter (src/db/dialect.ts: amongIds), so the text does not change with the
// batch's size and no statement is prepared, or built by the query builder, per request.

const caches = new WeakMap<Db['$client'], Map<string, Statement>>();

/** What one request does with the database: the statements it ran, and what stops it. */
export interface RequestUse {
  statements: number;
  /** Once aborted (the client gone, the time up), the request's further statements throw its reason instead of running. */
  signal?: AbortSignal;
}
const uses = new WeakMap<Db, RequestUse>();

/**
 * The same database (the same connection) for one request: each statement asked of it is
 * counted in `use`, and refused once `use.signal` is aborted, so a stopped query runs no more
 * SQL whichever executor runs it. Another connection's handle (an as-of snapshot) can share the use.
 */
export function forRequest(db: Db, use: RequestUse): Db {
  const handle = Object.create(db) as Db;
  uses.set(handle, use);
  return handle;
}

/** The use of a request's handle (undefined for the bare database). */
export const useOf = (db: Db): RequestUse | undefined => uses.get(db);

/** The statement for `text` on this connection, prepared the first time it is asked for. */
export function prepared(db: Db, text: string): Statement {
  const use = uses.get(db);
  if (use) {
    use.signal?.throwIfAborted();
    use.statements += 1;
  }
  return cached(db, text);
}

/** The advisory lock every write on PostgreSQL holds for its transaction (a number of claimline's own). */
export const WRITE_LOCK = 0x636c61696d; // "claim"

/** Begins, commits or rolls back: counted like any statement, but never refused (a stopped request still ends its transaction). */
export function transaction(db: Db, text: 'BEGIN IMMEDIATE' | 'COMMIT' | 'ROLLBACK'): void {
  // A transaction that is not there (its connection lost) has nothing to roll back.
  if (text === 'ROLLBACK' && !db.$client.inTransaction) return;
  const use = uses.get(db);
  if (use) use.statements += 1;
  cached(db, text === 'BEGIN IMMEDIATE' && db.$engine === 'postgres' ? 'BEGIN' : text).run();
  // SQLite's IMMEDIATE takes its one write lock at once, so writes queue and never interleave;
  // on PostgreSQL, every claimline writer on every server takes the same lock, for its transaction.
  if (text === 'BEGIN IMMEDIATE' && db.$engine === 'postgres') cached(db, `SELECT pg_advisory_xact_lock(${WRITE_LOCK})`).run();
}

function cached(db: Db, text: string): Statement {
  let cache = caches.get(db.$client);
  if (!cache) caches.set(db.$client, (cache = new Map()));
  let statement = cache.get(text);
  if (!statement) cache.set(text, (statement = db.$client.prepare(text)));
  return statement;
}

/** Every column of a table, named as the query builder names them in its rows (`created_at AS "createdAt"`). */
export const columnsOf = (table: SQLiteTable, alias = getTableName(table)): string =>
  Object.entries(getTableColumns(table))
    .map(([field, column]) => (field === column.name ? `${alias}.${column.name}` : `${alias}.${column.name} AS "${field}"`))
    .join(', ');

/** SQLite's aggregate of rows as one JSON array of objects (as text), each field named from its SQL expression, in `order`. */
const jsonArrayOf = (fields: readonly (readonly [string, string])[], order: string | undefined) =>
  `json_group_array(json_object(${fields.map(([field, value]) => `'${field}', ${value}`).join(', ')})${order ? ` ORDER BY ${order}` : ''})`;

/**
 * A batch read: the rows of `table` whose `column` holds one of the ids given (a DataLoader's
 * batch), with an optional further condition and order, as the query builder would return them.
 */
export function batchRead<R>(table: SQLiteTable, column: string, options: { where?: string; order?: string } = {}): (db: Db, ids: readonly number[]) => R[] {
  const name = getTableName(table);
  const text = batchText(fieldsOf(table, name), name, `${name}.${column}`, options);
  return (db, ids) => manyRows<R>(db, text(db.$engine), undefined, [JSON.stringify(ids)], true);
}

/** A batch read's text for each engine: SQLite's rows as one JSON array (see manyRows), PostgreSQL's as rows. */
const batchText = (fields: readonly (readonly [string, string])[], from: string, column: string, { where, order }: { where?: string; order?: string }) =>
  perEngine((engine) => {
    const rows = `FROM ${from} WHERE ${amongIds(engine, column)}${where ? ` AND ${where}` : ''}`;
    return engine === 'sqlite'
      ? `SELECT ${jsonArrayOf(fields, order)} ${rows}`
      : `SELECT ${fields.map(([field, value]) => `${value} AS "${field}"`).join(', ')} ${rows}${order ? ` ORDER BY ${order}` : ''}`;
  });

/** Rows of other tables a batch read joins: the joins after `LEFT JOIN` (`t` is the batch's table), and the fields read of them, `id` among them. */
interface JoinedRows {
  join: string;
  fields: readonly (readonly [string, string])[];
}

/** Every column of a table as a field and its SQL (`alias.column`). */
export const fieldsOf = (table: SQLiteTable, alias: string): [string, string][] => Object.entries(getTableColumns(table)).map(([field, c]) => [field, `${alias}.${c.name}`]);

/**
 * A batch read as `batchRead`'s (its `where` and `order` over `t`, the batch's table), with the
 * row of another table that each of its rows names, read in the same statement: on PostgreSQL
 * each statement is a round trip. `joined` holds each joined row once (none for a row that names none).
 */
export function batchReadWith<R, J extends { id: number }>(
  table: SQLiteTable,
  column: string,
  options: { where?: string; order?: string },
  join: JoinedRows,
): (db: Db, ids: readonly number[]) => { rows: R[]; joined: J[] } {
  const fields = [...fieldsOf(table, 't'), ...join.fields.map(([field, value]) => [`j.${field}`, value] as const)];
  const text = batchText(fields, `${getTableName(table)} t LEFT JOIN ${join.join}`, `t.${column}`, options);
  // Each field's name in the result and in the row read, named once rather than per row.
  const own = fields.filter(([field]) => !field.startsWith('j.')).map(([field]) => [field, field] as const);
  const theirs = join.fields.map(([field]) => [field, `j.${field}`] as const);
  return (db, ids) => {
    const joined = new Map<number, J>();
    const rows = manyRows<Record<string, unknown>>(db, text(db.$engine), undefined, [JSON.stringify(ids)], true).map((row) => {
      const id = row['j.id'] as number | null;
      if (id !== null && !joined.has(id)) joined.set(id, pick(row, theirs) as J);
      return pick(row, own) as R;
    });
    return { rows, joined: [...joined.values()] };
  };
}

/** The values of `row` read from each pair's second name, under its first (a loop: this runs per row of a batch). */
function pick(row: Record<string, unknown>, fields: readonly (readonly [string, string])[]): Record<string, unknown> {
  const picked: Record<string, unknown> = {};
  for (const [field, from] of fields) picked[field] = row[from];
  return picked;
}

const MAX_CACHED = 2_000;

/** The rows of a query built with drizzle's `sql` template, its text prepared once per connection. */
export function allRows<T>(db: Db, query: SQL): T[] {
  const { sql: text, params } = render(db.$engine, query);
  return statementFor(db, text).all(...params) as T[];
}

/** The first row of such a query, or undefined. */
export function firstRow<T>(db: Db, query: SQL): T | undefined {
  const { sql: text, params } = render(db.$engine, query);
  return statementFor(db, text).get(...params) as T | undefined;
}

/**
 * The rows of a read that returns many, each engine's fastest way. On SQLite as one JSON array
 * that SQLite writes and V8 parses: a JavaScript object built per row through the driver costs
 * more than the statement itself does (a page of 50 items: 70 µs as rows, 54 µs as JSON, 11 µs
 * to step through them). The values are the same: integers and text as they are, and reals
 * printed so that they parse back to the same double. On PostgreSQL as its rows: json_agg costs
 * the server more than libpq's text costs the client (a batch of 50 rows: 340 µs as JSON, 180 µs
 * as rows). `order` orders the rows, over the SELECT's output names (on SQLite its own ORDER BY
 * does not bind an aggregate over it); `aggregated`: `query` is SQLite's JSON array already.
 */
export function manyRows<T>(db: Db, query: SQL | string, order?: string, params: unknown[] = [], aggregated = false): T[] {
  const built = typeof query === 'string' ? { sql: query, params } : render(db.$engine, query);
  const text = aggregated ? built.sql : wrapped(db, built.sql, order);
  const statement = typeof query === 'string' ? prepared(db, text) : statementFor(db, text);
  if (db.$engine === 'postgres') return statement.all(...built.params) as T[];
  return JSON.parse(statement.pluck().get(...built.params) as string) as T[];
}

const jsonTexts = new WeakMap<Db['$client'], Map<string, string>>();

/** The SELECT `text` as manyRows runs it (on SQLite, its output names read once per connection). */
function wrapped(db: Db, text: string, order: string | undefined): string {
  if (db.$engine === 'postgres') return order ? `SELECT * FROM (${text}) q ORDER BY ${order}` : text;
  let texts = jsonTexts.get(db.$client);
  if (!texts) jsonTexts.set(db.$client, (texts = new Map()));
  const key = `${order ?? ''}\n${text}`;
  let json = texts.get(key);
  if (!json) {
    if (texts.size >= MAX_CACHED) texts.clear();
    const names = db.$client.prepare(text).columns().map((c) => [c.name, `"${c.name}"`] as const);
    json = `SELECT ${jsonArrayOf(names, order)} FROM (${text})`;
    texts.set(key, json);
  }
  return json;
}

/** Statements for texts built per request (filters vary them): cached too, within a bound. */
function statementFor(db: Db, text: string): Statement {
  const cache = caches.get(db.$client);
  if (cache && cache.size >= MAX_CACHED && !cache.has(text)) cache.clear();
  return prepared(db, text);
}
