import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as schema from './schema.ts';
import type { Engine } from './dialect.ts';
import { postgresMigrationState, type PgClient } from './postgres.ts';

/**
 * What the triggers of this connection see of the write in progress (src/db/triggers.ts). Only
 * the write module (src/domain/write.ts) sets it.
 */
export interface WriteState {
  /** The open change, or null: a tracked write with none open is refused. */
  change: number | null;
  /** Whether triggers record each row change (off while a batch records itself, or a read rewinds). */
  recorded: boolean;
  /** Whether triggers keep the search index (off while a batch indexes itself). */
  indexed: boolean;
}

/**
 * A database claimline runs on: an SQLite file, or PostgreSQL (src/db/postgres.ts), whose
 * connection answers the same statement calls. `$engine` says which, for the SQL the two spell
 * differently (src/db/dialect.ts).
 */
export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database; $write: WriteState; $engine: Engine };

export interface OpenOptions {
  /** A file path, or ':memory:'. */
  file: string;
  /** Called with the SQL of every statement SQLite runs (tests count them). */
  onStatement?: (sql: string) => void;
}

const migrationsFolder = fileURLToPath(new URL('../../drizzle', import.meta.url));

/** Refused writes name the way to write. */
const OUTSIDE_A_CHANGE = 'claimline: a write outside a recorded change is refused (write through src/domain/write.ts, which opens one)';

/** The one place that opens the database: WAL, foreign keys, a busy timeout, migrated to the latest schema. */
export function openDatabase({ file, onStatement }: OpenOptions): Db {
  const sqlite = new Database(file, onStatement ? { verbose: (message) => onStatement(String(message)) } : {});
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 5000');
  // 64 MiB of page cache (the default is 2 MiB): index pages of large tables stay in memory.
  sqlite.pragma('cache_size = -65536');
  const state: WriteState = { change: null, recorded: true, indexed: true };
  sqlite.function('claimline_change', { deterministic: false }, () => {
    if (state.change === null) throw new Error(OUTSIDE_A_CHANGE);
    return state.change;
  });
  sqlite.function('claimline_recorded', { deterministic: false }, () => (state.recorded ? 1 : 0));
  sqlite.function('claimline_indexed', { deterministic: false }, () => (state.indexed ? 1 : 0));
  const db = Object.assign(drizzle({ client: sqlite, schema }), { $write: state, $engine: 'sqlite' as const });
  // SQLite's procedure for schema changes: migrations that rebuild a table run with foreign-key
  // enforcement off (it cannot be switched inside their transaction), then every key is checked,
  // once, after migrations ran: a database already at the latest schema opens without a scan.
  if (migrationState(db).applied < JOURNAL.length) {
    sqlite.pragma('foreign_keys = OFF');
    migrate(db, { migrationsFolder });
    const violations = sqlite.pragma('foreign_key_check') as unknown[];
    if (violations.length) throw new Error(`migrations left ${violations.length} broken foreign keys: ${JSON.stringify(violations.slice(0, 5))}`);
  }
  sqlite.pragma('foreign_keys = ON');
  return db;
}

/** The migrations claimline ships (drizzle/meta/_journal.json). */
const JOURNAL = (JSON.parse(readFileSync(new URL('../../drizzle/meta/_journal.json', import.meta.url), 'utf8')) as { entries: { tag: string }[] }).entries;

/** How many of the shipped migrations the database has applied (of its engine's: drizzle/ or drizzle-pg/). */
export function migrationState(db: Db): { applied: number; known: number } {
  if (db.$engine === 'postgres') return postgresMigrationState((db.$client as unknown as PgClient).connection);
  const sqlite = db.$client;
  const table = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'").get();
  const applied = table ? (sqlite.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as { n: number }).n : 0;
  return { applied, known: JOURNAL.length };
}
