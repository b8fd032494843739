import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { fileURLToPath } from 'node:url';
import * as schema from './schema.ts';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export interface OpenOptions {
  /** A file path, or ':memory:'. */
  file: string;
  /** Called with the SQL of every statement SQLite runs (tests count them). */
  onStatement?: (sql: string) => void;
}

const migrationsFolder = fileURLToPath(new URL('../../drizzle', import.meta.url));

/** The one place that opens the database: WAL, foreign keys, a busy timeout, migrated to the latest schema. */
export function openDatabase({ file, onStatement }: OpenOptions): Db {
  const sqlite = new Database(file, onStatement ? { verbose: (message) => onStatement(String(message)) } : {});
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 5000');
  // 64 MiB of page cache (the default is 2 MiB): index pages of large tables stay in memory.
  sqlite.pragma('cache_size = -65536');
  const db = drizzle({ client: sqlite, schema });
  // SQLite's procedure for schema changes: migrations that rebuild a table run with foreign-key
  // enforcement off (it cannot be switched inside their transaction), then every key is checked.
  sqlite.pragma('foreign_keys = OFF');
  migrate(db, { migrationsFolder });
  const violations = sqlite.pragma('foreign_key_check') as unknown[];
  if (violations.length) throw new Error(`migrations left ${violations.length} broken foreign keys: ${JSON.stringify(violations.slice(0, 5))}`);
  sqlite.pragma('foreign_keys = ON');
  return db;
}
