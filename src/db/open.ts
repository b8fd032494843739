import { openDatabase, type Db } from './client.ts';
import { isPostgresUrl, openPostgresDb, openPostgresDbAsync, type PgClient } from './postgres.ts';

/**
 * The one place a command opens its database, by what CLAIMLINE_DB names: a PostgreSQL URL
 * (postgres://…), or an SQLite file (or ':memory:'). Either is migrated to the latest schema
 * (a PostgreSQL standby is not: its primary is).
 */
export function openDb(database: string, onStatement?: (sql: string) => void): Db {
  return isPostgresUrl(database) ? openPostgresDb(database, onStatement) : openDatabase({ file: database, onStatement });
}

/** A second connection to the database `db` is connected to (an SQLite file's, or a PostgreSQL URL's). */
export function openAnother(db: Db): Promise<Db> {
  return db.$engine === 'postgres' ? openPostgresDbAsync((db.$client as unknown as PgClient).connection.url) : Promise.resolve(openDatabase({ file: db.$client.name }));
}
