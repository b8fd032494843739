import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/client.ts';
import { openWrite } from '../src/domain/write.ts';
import { ROOT } from './paths.ts';

// drizzle-kit writes its output below the working directory, so the scratch copy lives there too.
const scratch = mkdtempSync(join(ROOT, 'node_modules', '.drift-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/**
 * A database migrated up to (not including) migration `index`, with the functions its triggers
 * call, for a test to fill as an older claimline would have; the caller closes it and opens the
 * file with openDatabase, which runs the rest.
 */
async function migratedBefore(index: number) {
  const Database = (await import('better-sqlite3')).default;
  const { drizzle } = await import('drizzle-orm/better-sqlite3');
  const { migrate } = await import('drizzle-orm/better-sqlite3/migrator');
  const { readFileSync, writeFileSync } = await import('node:fs');
  const old = join(scratch, `before-${index}`);
  cpSync(join(ROOT, 'drizzle'), old, { recursive: true });
  const journal = JSON.parse(readFileSync(join(old, 'meta/_journal.json'), 'utf8'));
  journal.entries = journal.entries.filter((e: { idx: number }) => e.idx < index);
  writeFileSync(join(old, 'meta/_journal.json'), JSON.stringify(journal));
  const file = join(scratch, `upgrade-${index}.db`);
  const sqlite = new Database(file);
  sqlite.function('claimline_change', () => 1);
  sqlite.function('claimline_recorded', () => 0);
  sqlite.function('claimline_indexed', () => 0);
  migrate(drizzle({ client: sqlite }), { migrationsFolder: old });
  return { sqlite, file };
}

describe('migrations', () => {
  it('cover every table definition: drizzle-kit generates nothing new from src/db/schema.ts', () => {
    cpSync(join(ROOT, 'drizzle'), scratch, { recursive: true });
    const before = readdirSync(scratch).sort();
    const output = execFileSync(
      process.execPath,
      [join(ROOT, 'node_modules/drizzle-kit/bin.cjs'), 'generate', '--dialect', 'sqlite', '--schema', 'src/db/schema.ts', '--out', relative(ROOT, scratch)],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(readdirSync(scratch).sort()).toEqual(before);
    expect(output).toMatch(/No schema changes/);
  });
});

describe('upgrading a database that holds data', () => {
  it('keeps every row and every foreign key through each migration, table rebuilds included', async () => {
    // The migrations as they stood before 0003 (which rebuilds sources), applied to a new file.
    const { sqlite, file } = await migratedBefore(3);
    sqlite.exec(`
      INSERT INTO sources (id, title, published_edtf, published_earliest, published_latest, text) VALUES (1, 'T', '2017', 0, 1, 'hello world');
      INSERT INTO quotes (id, source_id, kind, start, end, exact, prefix, suffix) VALUES (1, 1, 'NARRATION', 0, 5, 'hello', '', ' world');
      INSERT INTO items (id, type, summary, date_edtf, date_earliest, date_latest) VALUES (1, 'EVENT', 's', '2017', 0, 1);
      INSERT INTO events (item_id, title, kind, status) VALUES (1, 't', 'ASSAULT', 'REPORTED');
      INSERT INTO actors (id, name, kind) VALUES (1, 'A', 'STATE');
      INSERT INTO event_participants (event_id, actor_id, role) VALUES (1, 1, 'AGENT');
      INSERT INTO citations (item_id, source_id, quote_id) VALUES (1, 1, 1);`);
    sqlite.close();

    const db = openDatabase({ file });
    const count = (table: string) => (db.$client.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    expect(['sources', 'quotes', 'citations', 'events', 'event_participants'].map(count)).toEqual([1, 1, 1, 1, 1]);
    expect(db.$client.pragma('foreign_key_check')).toEqual([]);
    expect(db.$client.pragma('foreign_keys', { simple: true })).toBe(1);
    // The rebuilt table keeps its full-text and history triggers.
    const session = openWrite(db, { operation: 'test', keyName: null });
    db.$client.prepare('UPDATE sources SET title = NULL, text = ? WHERE id = 1').run('a renamed text');
    session.commit();
    expect((db.$client.prepare("SELECT count(*) AS n FROM search_index WHERE search_index MATCH 'renamed'").get() as { n: number }).n).toBe(1);
    expect(db.$client.prepare("SELECT operation, json_extract(before, '$.title') AS title FROM row_changes WHERE record = 'source:1'").all()).toEqual([{ operation: 'UPDATE', title: expect.any(String) }]);
    db.$client.close();
  });
});

describe('upgrading a database of imports to item codings (0010)', () => {
  it('moves each event’s measures to its GDELT or ACLED coding, its places to item places, and its import key to an identifier', async () => {
    const { sqlite, file } = await migratedBefore(10);
    sqlite.exec(`
      INSERT INTO places (id, name, kind) VALUES (1, 'Aleppo', 'CITY');
      INSERT INTO items (id, type, summary, date_edtf, date_earliest, date_latest) VALUES (1, 'EVENT', 'g', '2019', 0, 1), (2, 'EVENT', 'a', '2019', 0, 1);
      INSERT INTO events (item_id, title, kind, status, cameo_code, goldstein, quad_class, tone) VALUES (1, 't', 'ASSAULT', 'REPORTED', '190', -10, 4, -3.5);
      INSERT INTO events (item_id, title, kind, status, acled_event_type, acled_sub_event_type) VALUES (2, 't', 'ASSAULT', 'REPORTED', 'Battles', 'Armed clash');
      INSERT INTO event_places (event_id, place_id) VALUES (1, 1);
      INSERT INTO record_keys (namespace, key, record_type, record_id) VALUES ('gdelt', 'item:event:881990832', 'item', 1), ('acled', 'item:event:SYR1', 'item', 2);
      INSERT INTO changes (id, at, operation) VALUES (1, '2019-01-01T00:00:00.000Z', 'import');
      INSERT INTO row_changes (change_id, table_name, record, operation, key) VALUES (1, 'event_places', 'item:1', 'INSERT', '{"event_id":1,"place_id":1}');`);
    sqlite.close();

    const db = openDatabase({ file });
    const rows = (query: string) => db.$client.prepare(query).all();
    expect(rows('SELECT item_id, event_code, goldstein_scale, quad_class, avg_tone FROM gdelt_codings')).toEqual([{ item_id: 1, event_code: '190', goldstein_scale: -10, quad_class: 4, avg_tone: -3.5 }]);
    expect(rows('SELECT item_id, event_type, sub_event_type FROM acled_codings')).toEqual([{ item_id: 2, event_type: 'Battles', sub_event_type: 'Armed clash' }]);
    expect(rows('SELECT item_id, place_id FROM item_places')).toEqual([{ item_id: 1, place_id: 1 }]);
    expect(rows('SELECT item_id, scheme, value FROM item_identifiers ORDER BY item_id')).toEqual([
      { item_id: 1, scheme: 'GDELT', value: '881990832' },
      { item_id: 2, scheme: 'ACLED', value: 'SYR1' },
    ]);
    expect(rows('SELECT table_name, key FROM row_changes')).toEqual([{ table_name: 'item_places', key: '{"item_id":1,"place_id":1}' }]);
    expect(db.$client.pragma('foreign_key_check')).toEqual([]);
    db.$client.close();
  });
});

describe('upgrading a database of same-as decisions to kept groups (0012)', () => {
  it('fills each group from the standing decisions: chains joined, undone decisions left out', async () => {
    const { sqlite, file } = await migratedBefore(12);
    // Actors 1-2-3 joined by two decisions, 4-5 by an undone one; events 10-11.
    sqlite.exec(`
      INSERT INTO actors (id, name, kind) VALUES (1, 'a', 'STATE'), (2, 'b', 'STATE'), (3, 'c', 'STATE'), (4, 'd', 'STATE'), (5, 'e', 'STATE');
      INSERT INTO items (id, type, summary, date_edtf, date_earliest, date_latest) VALUES (10, 'EVENT', 'x', '2019', 0, 1), (11, 'EVENT', 'y', '2019', 0, 1);
      INSERT INTO same_as (id, kind, reason, retracted_at) VALUES (1, 'ACTOR', 'r', NULL), (2, 'ACTOR', 'r', NULL), (3, 'ACTOR', 'r', '2020-01-01'), (4, 'EVENT', 'r', NULL);
      INSERT INTO same_as_members (same_as_id, actor_id, item_id) VALUES (1, 2, NULL), (1, 3, NULL), (2, 1, NULL), (2, 2, NULL), (3, 4, NULL), (3, 5, NULL), (4, NULL, 11), (4, NULL, 10);`);
    sqlite.close();

    const db = openDatabase({ file });
    const rows = (query: string) => db.$client.prepare(query).all();
    expect(rows('SELECT actor_id, canonical_id FROM actor_groups ORDER BY actor_id')).toEqual([1, 2, 3].map((id) => ({ actor_id: id, canonical_id: 1 })));
    expect(rows('SELECT item_id, canonical_id FROM event_groups ORDER BY item_id')).toEqual([10, 11].map((id) => ({ item_id: id, canonical_id: 10 })));
    db.$client.close();
  });
});
