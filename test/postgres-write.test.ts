import { getTableConfig } from 'drizzle-orm/sqlite-core';
import { afterAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/client.ts';
import { copyOrder } from '../src/db/copy.ts';
import { openPostgresDb } from '../src/db/postgres.ts';
import { loadBundle, readBundleFile } from '../src/domain/bundle.ts';
import { testDb } from './helpers.ts';
import { SEED_BUNDLE_PATH } from './paths.ts';
import { freshPostgres, postgresMissing } from './postgres.ts';

// The write path on PostgreSQL: the same writes give the same record, history and search
// documents as on SQLite, row for row (but the instants each write was made at).

const opened: Db[] = [];
afterAll(() => opened.forEach((db) => db.$client.close()));

/** Every row of every table and the search documents, ordered by key, without the instants of writing. */
function record(db: Db): Record<string, unknown[]> {
  const tables = Object.fromEntries(
    copyOrder().map((table) => {
      const config = getTableConfig(table);
      const key = (config.primaryKeys[0]?.columns ?? config.columns.filter((c) => c.primary)).map((c) => `"${c.name}"`).join(', ');
      const rows = db.$client.prepare(`SELECT * FROM "${config.name}" ORDER BY ${key}`).all() as Record<string, unknown>[];
      return [config.name, rows.map(({ created_at: _, at: __, ...row }) => normalized(row))];
    }),
  );
  return { ...tables, search_index: db.$client.prepare('SELECT rowid, body FROM search_index ORDER BY rowid').all() };
}

/** A row with its JSON texts (history's keys and values) parsed: each engine prints JSON its own way. */
const normalized = (row: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'string' && /^[{[]/.test(v) && ['key', 'before', 'after', 'contexts'].includes(k) ? JSON.parse(v) : v]));

describe.skipIf(postgresMissing !== '')('writing on PostgreSQL', () => {
  it('loads the seed article as SQLite does: every row, its history and its search documents', async () => {
    const sqlite = testDb().db;
    const postgres = openPostgresDb((await freshPostgres()).primary);
    opened.push(postgres);
    const bundle = readBundleFile(SEED_BUNDLE_PATH);
    expect(loadBundle(postgres, bundle)).toEqual(loadBundle(sqlite, bundle));
    const written = record(postgres);
    expect(written).toEqual(record(sqlite));
    for (const table of ['items', 'quotes', 'citations', 'row_changes', 'search_index']) expect(written[table]!.length, table).toBeGreaterThan(10);
    expect(written.changes).toEqual([{ id: 1, operation: 'seed', key_name: null }]);
    // Loading twice changes nothing, on either.
    expect(loadBundle(postgres, bundle)).toEqual(loadBundle(sqlite, bundle));
    expect(record(postgres)).toEqual(record(sqlite));
  });
});
