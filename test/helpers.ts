import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '../src/db/client.ts';
import type { Engine } from '../src/db/dialect.ts';
import { copyRecord } from '../src/db/copy.ts';
import { openPostgresDb, type PgClient } from '../src/db/postgres.ts';
import { newPostgresDatabase } from './postgres.ts';
import { loadBundle, readBundleFile } from '../src/domain/bundle.ts';
import { SEED_BUNDLE_PATH } from './paths.ts';
import { createApp } from '../src/server/app.ts';

/**
 * The engine the tests run on: SQLite, or PostgreSQL when CLAIMLINE_TEST_ENGINE=postgres (the
 * `postgres` project of vitest.config.ts runs the engine-neutral test files so).
 */
export const TEST_ENGINE: Engine = process.env.CLAIMLINE_TEST_ENGINE === 'postgres' ? 'postgres' : 'sqlite';

/** Whether this run is on PostgreSQL: a test of what only SQLite has (its query plans, as-of rewinds of a file) is skipped then. */
export const onPostgres = TEST_ENGINE === 'postgres';

const openedHere: Db[] = [];
// Each test file's PostgreSQL connections end with it (test/engine-setup.ts).
export const closeTestDbs = () => openedHere.splice(0).forEach((db) => db.$client.close());

/** A fresh database built by the real migrations (in memory, or a new PostgreSQL database); `statements` records every SQL statement run. */
export function testDb(): { db: Db; statements: string[] } {
  const statements: string[] = [];
  const onStatement = (sql: string) => statements.push(sql);
  if (TEST_ENGINE === 'postgres') {
    const db = openPostgresDb(newPostgresDatabase(), onStatement);
    openedHere.push(db);
    return { db, statements };
  }
  const db = openDatabase({ file: ':memory:', onStatement });
  return { db, statements };
}

/**
 * A fresh database that other connections and processes can open too, on the engine of the run:
 * an SQLite file, removed at exit, or a new PostgreSQL database; `database` is what CLAIMLINE_DB
 * names it by.
 */
export function sharedDb(): { db: Db; database: string } {
  const database = sharedDatabase();
  const db = TEST_ENGINE === 'sqlite' ? openDatabase({ file: database }) : openPostgresDb(database);
  if (TEST_ENGINE === 'postgres') openedHere.push(db);
  return { db, database };
}

/** The same, not opened yet (a server or a command makes it): a new SQLite file's name, or a new PostgreSQL database's URL. */
export function sharedDatabase(): string {
  if (TEST_ENGINE === 'postgres') return newPostgresDatabase();
  const dir = mkdtempSync(join(tmpdir(), 'claimline-'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  return join(dir, 'test.db');
}

/** A fresh database file (as-of reads open a second connection to it), removed at exit. */
export function fileDb(): { db: Db; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'claimline-'));
  const file = join(dir, 'test.db');
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  return { db: openDatabase({ file }), file };
}

/**
 * Loads a large bundle: on SQLite through the write path; on PostgreSQL into SQLite first, then
 * copied across (claimline copy), where the record-by-record write path would take half a minute
 * of round trips for 10,000 items (a test of exports needs the items, not their loading).
 */
export function loadLarge(db: Db, bundle: Parameters<typeof loadBundle>[1]): void {
  if (db.$engine === 'sqlite') {
    loadBundle(db, bundle);
    return;
  }
  const source = openDatabase({ file: ':memory:' });
  loadBundle(source, bundle);
  copyRecord(source, (db.$client as unknown as PgClient).connection);
  source.$client.close();
}

/** A fresh database holding the seed article. */
export function seededDb() {
  const handle = testDb();
  loadBundle(handle.db, readBundleFile(SEED_BUNDLE_PATH));
  return handle;
}

export interface GraphQLResponse<T = any> {
  status: number;
  data?: T;
  errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string; field?: string } }[];
}

/** Runs an operation in-process through yoga.fetch, as a client would over HTTP. */
export async function gql<T = any>(app: ReturnType<typeof createApp>, query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}): Promise<GraphQLResponse<T>> {
  const response = await app.fetch('http://claimline.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, ...((await response.json()) as object) };
}

/** Runs an operation that must succeed, and returns its data. */
export async function data<T = any>(app: ReturnType<typeof createApp>, query: string, variables?: Record<string, unknown>): Promise<T> {
  const result = await gql<T>(app, query, variables);
  if (result.errors) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
  return result.data!;
}

/** Runs `run` and returns its result with the SQL statements it ran (as testDb's `statements` records them). */
export async function withStatements<T>(statements: string[], run: () => Promise<T> | T): Promise<{ result: T; statements: string[] }> {
  statements.length = 0;
  const result = await run();
  return { result, statements: [...statements] };
}
