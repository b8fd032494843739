import type { Statement } from 'better-sqlite3';
import { getTableColumns, getTableName, type SQL } from 'drizzle-orm';
import { SQLiteSyncDialect } from 'drizzle-orm/sqlite-core';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db } from './client.ts';

// The hot reads run as constant SQL text prepared once per connection: a batch of ids is one
// JSON parameter (`IN (SELECT value FROM json_each(?))`), so the text does not change with the
// batch's size and no statement is prepared, or built by the query builder, per request.

const caches = new WeakMap<Db['$client'], Map<string, Statement>>();
const signals = new WeakMap<Db, AbortSignal>();

/**
 * The same database handle for one request that may be stopped (its client gone, its time up):
 * once `signal` is aborted, each further statement asked of it throws the signal's reason
 * instead of running, so a stopped query runs no more SQL whichever executor runs it.
 */
export function abortable(db: Db, signal: AbortSignal): Db {
  const handle = Object.create(db) as Db;
  signals.set(handle, signal);
  return handle;
}

/** The statement for `text` on this connection, prepared the first time it is asked for. */
export function prepared(db: Db, text: string): Statement {
  signals.get(db)?.throwIfAborted();
  let cache = caches.get(db.$client);
  if (!cache) caches.set(db.$client, (cache = new Map()));
  let statement = cache.get(text);
  if (!statement) cache.set(text, (statement = db.$client.prepare(text)));
  return statement;
}

/** Every column of a table, named as the query builder names them in its rows (`created_at AS createdAt`). */
export const columnsOf = (table: SQLiteTable, alias = getTableName(table)): string =>
  Object.entries(getTableColumns(table))
    .map(([field, column]) => (field === column.name ? `${alias}.${column.name}` : `${alias}.${column.name} AS ${field}`))
    .join(', ');

/**
 * A batch read: the rows of `table` whose `column` holds one of the ids given (a DataLoader's
 * batch), with an optional further condition and order, as the query builder would return them.
 */
export function batchRead<R>(table: SQLiteTable, column: string, options: { where?: string; order?: string } = {}): (db: Db, ids: readonly number[]) => R[] {
  const name = getTableName(table);
  const text = `SELECT ${columnsOf(table)} FROM ${name} WHERE ${column} IN (SELECT value FROM json_each(?))${options.where ? ` AND ${options.where}` : ''}${options.order ? ` ORDER BY ${options.order}` : ''}`;
  return (db, ids) => prepared(db, text).all(JSON.stringify(ids)) as R[];
}

const dialect = new SQLiteSyncDialect();
const MAX_CACHED = 2_000;

/** The rows of a query built with drizzle's `sql` template, its text prepared once per connection. */
export function allRows<T>(db: Db, query: SQL): T[] {
  const { sql: text, params } = dialect.sqlToQuery(query);
  return statementFor(db, text).all(...params) as T[];
}

/** The first row of such a query, or undefined. */
export function firstRow<T>(db: Db, query: SQL): T | undefined {
  const { sql: text, params } = dialect.sqlToQuery(query);
  return statementFor(db, text).get(...params) as T | undefined;
}

/** Statements for texts built per request (filters vary them): cached too, within a bound. */
function statementFor(db: Db, text: string): Statement {
  const cache = caches.get(db.$client);
  if (cache && cache.size >= MAX_CACHED && !cache.has(text)) cache.clear();
  return prepared(db, text);
}
