import { sql } from 'drizzle-orm';
import { allRows, firstRow, prepared } from '../db/statements.ts';
import type { Db } from '../db/client.ts';
import { SAME_AS_KINDS } from '../db/vocabulary.ts';
import { shapeOf, TRACKED, type TableShape } from '../db/history.ts';
import { elementsText, jsonField, type Engine } from '../db/dialect.ts';
import { rowJson } from '../db/triggers.ts';
import { COLUMN_TYPES } from '../db/schema-pg.ts';
import { LimitExceeded } from './errors.ts';
import { regroup } from './write.ts';

const SHAPES = new Map<string, TableShape>(TRACKED.map(({ table }) => {
  const shape = shapeOf(table);
  return [shape.name, shape];
}));

/** The texts of the statements that undo a row change of each table, as `engine` spells them (prepared once per connection, src/db/statements.ts). */
function undoTexts(engine: Engine, table: string) {
  const { columns, primaryKey } = SHAPES.get(table)!;
  const types = COLUMN_TYPES.get(table)!;
  const json = (parameter: string) => (engine === 'sqlite' ? parameter : `CAST(${parameter} AS jsonb)`);
  const value = (object: string, c: string) => jsonField(engine, object, c, types.get(c)!);
  const keyOf = (object: string) => primaryKey.map((c) => `${c} = ${value(object, c)}`).join(' AND ');
  return {
    insert: `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => value(json('@before'), c)).join(', ')})`,
    // The key is the row's after the change, so a row whose key the update changed is found.
    update: `UPDATE ${table} SET ${columns.map((c) => `${c} = ${value(json('@before'), c)}`).join(', ')} WHERE ${keyOf(json('@key'))}`,
    // A run of inserts into one table is undone by one statement.
    removeAll: `DELETE FROM ${table} WHERE (${primaryKey.join(', ')}) IN (SELECT ${primaryKey.map((c) => value('w.value', c)).join(', ')} FROM ${elementsText(engine, '@keys', 'w')})`,
  };
}
const UNDO = new Map<string, ReturnType<typeof undoTexts>>();
const undoText = (engine: Engine, table: string, kind: keyof ReturnType<typeof undoTexts>) => {
  let texts = UNDO.get(`${engine} ${table}`);
  if (!texts) UNDO.set(`${engine} ${table}`, (texts = undoTexts(engine, table)));
  return texts[kind];
};

/**
 * Puts the database back as it stood at `instant` by undoing, newest first, every row change
 * recorded after it. Only for a transaction that is rolled back afterwards (an as-of read). It
 * seeks the changes after the instant through the change-id index, so its cost is the number of
 * row changes it undoes, and it refuses to undo more than `maxRowChanges`.
 */
export function rewindTo(db: Db, instant: Date, maxRowChanges = Infinity): void {
  const since = (prepared(db, 'SELECT coalesce((SELECT max(id) FROM changes WHERE at <= ?), 0) AS id').get(instant.toISOString()) as { id: number }).id;
  if (Number.isFinite(maxRowChanges)) {
    const { count } = prepared(db, 'SELECT count(*) AS count FROM (SELECT 1 FROM row_changes WHERE change_id > ? LIMIT ?) AS later').get(since, maxRowChanges + 1) as { count: number };
    if (count > maxRowChanges) {
      throw new LimitExceeded(
        'MAX_AS_OF_CHANGES',
        `Reading as of ${instant.toISOString()} would undo more than ${maxRowChanges.toLocaleString('en')} recorded row changes, the most an as-of read may (CLAIMLINE_AS_OF_MAX_ROW_CHANGES): ask for a later instant.`,
        maxRowChanges,
        null,
      );
    }
  }
  // The undo passes through the same states the writes did, but cascades and deferred checks
  // make their order within one statement unknowable; nothing here is ever committed. (On
  // PostgreSQL every foreign key is deferrable for this: drizzle-pg/0003_deferrable_keys.sql.)
  prepared(db, db.$engine === 'sqlite' ? 'PRAGMA defer_foreign_keys = ON' : 'SET CONSTRAINTS ALL DEFERRED').run();
  // The undo is not history: triggers record nothing while it runs (the search index follows it).
  db.$write.recorded = false;
  try {
    // Newest first, in bounded batches (a statement cannot write while another is being iterated),
    // in the order of the change-id index: (change_id, id) descending.
    const BATCH = `SELECT id, change_id AS "changeId", table_name AS "tableName", operation, key, before FROM row_changes
       WHERE change_id > @since AND (change_id, id) < (@change, @id) ORDER BY change_id DESC, id DESC LIMIT 10000`;
    const run = { table: '', keys: [] as string[] };
    // Who is who as it stood follows from the decisions as they stood: rebuilt once they are.
    let decisionsUndone = false;
    const flush = () => {
      if (run.keys.length) prepared(db, undoText(db.$engine, run.table, 'removeAll')).run({ keys: `[${run.keys.join(',')}]` });
      run.keys = [];
    };
    for (let below = { change: Number.MAX_SAFE_INTEGER, id: Number.MAX_SAFE_INTEGER }; ; ) {
      const undo = prepared(db, BATCH).all({ since, ...below }) as { id: number; changeId: number; tableName: string; operation: string; key: string; before: string | null }[];
      if (undo.length === 0) break;
      below = { change: undo.at(-1)!.changeId, id: undo.at(-1)!.id };
      for (const change of undo) {
        if (change.tableName === 'same_as' || change.tableName === 'same_as_members') decisionsUndone = true;
        if (change.operation === 'INSERT') {
          if (run.table !== change.tableName) flush();
          run.table = change.tableName;
          run.keys.push(change.key);
          continue;
        }
        flush();
        if (change.operation === 'DELETE') prepared(db, undoText(db.$engine, change.tableName, 'insert')).run({ before: change.before });
        else prepared(db, undoText(db.$engine, change.tableName, 'update')).run({ before: change.before, key: change.key });
      }
      flush();
    }
    if (decisionsUndone) for (const kind of SAME_AS_KINDS) regroup(db, kind, null);
  } finally {
    db.$write.recorded = true;
  }
  // History itself as it stood: the later changes (and the undo's own rows) are forgotten too.
  prepared(db, 'DELETE FROM row_changes WHERE change_id > ?').run(since);
  prepared(db, 'DELETE FROM changes WHERE id > ?').run(since);
}

export interface ChangeRow {
  id: number;
  at: string;
  operation: string;
  keyName: string | null;
}

export interface RowChange {
  changeId: number;
  record: string;
  tableName: string;
  operation: 'INSERT' | 'UPDATE' | 'DELETE';
  /** The row's primary key: after an insert or update, before a delete. */
  key: string;
  before: string | null;
  after: string | null;
}

/** A row's key, as the history stores it, from a JSON copy of its values. */
const keyOfValues = (table: string, values: string) => {
  const row = JSON.parse(values) as Record<string, unknown>;
  return JSON.stringify(Object.fromEntries(SHAPES.get(table)!.primaryKey.map((c) => [c, row[c]])));
};

/** The rows of a table whose keys a JSON array of keys names, each as its values and its key in JSON. */
function standingRowsText(engine: Engine, table: string): string {
  const { columns, primaryKey } = SHAPES.get(table)!;
  const field = (c: string) => jsonField(engine, 'w.value', c, COLUMN_TYPES.get(table)!.get(c)!);
  return `SELECT ${rowJson(table, table, 'values', engine)} AS row, ${rowJson(table, table, 'key', engine)} AS key FROM ${table}
    WHERE (${primaryKey.join(', ')}) IN (SELECT ${primaryKey.map(field).join(', ')} FROM ${elementsText(engine, '?', 'w')})`;
}

/**
 * Every recorded row change of the given records ("actor:7"), oldest first, with their changes.
 * An insert keeps no copy of its values: they are the next change's values before, or, when the
 * row has not changed since, the row as it stands.
 */
export function historyOf(db: Db, records: readonly string[]): { rows: RowChange[]; changes: Map<number, ChangeRow> } {
  const rows = allRows<RowChange>(db, 
    sql`SELECT change_id AS "changeId", record, table_name AS "tableName", operation, key, before, after FROM row_changes
      WHERE record IN (${sql.join(records.map((r) => sql`${r}`), sql`, `)}) ORDER BY change_id, id`,
  );
  const standing = new Map<string, string[]>();
  rows.forEach((row, i) => {
    if (row.operation !== 'INSERT' || row.after !== null) return;
    const key = JSON.stringify(JSON.parse(row.key));
    const next = rows.slice(i + 1).find((later) => later.tableName === row.tableName && later.before !== null && keyOfValues(later.tableName, later.before) === key);
    if (next) row.after = next.before;
    else standing.set(row.tableName, [...(standing.get(row.tableName) ?? []), row.key]);
  });
  for (const [table, keys] of standing) {
    const found = prepared(db, standingRowsText(db.$engine, table)).all(`[${keys.join(',')}]`) as { row: string; key: string }[];
    const byKey = new Map(found.map((f) => [JSON.stringify(JSON.parse(f.key)), f.row]));
    for (const row of rows) if (row.tableName === table && row.operation === 'INSERT' && row.after === null) row.after = byKey.get(JSON.stringify(JSON.parse(row.key))) ?? null;
  }
  const ids = [...new Set(rows.map((r) => r.changeId))];
  const changes = ids.length
    ? allRows<ChangeRow>(db, sql`SELECT id, at, operation, key_name AS "keyName" FROM changes WHERE id IN (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})`)
    : [];
  return { rows, changes: new Map(changes.map((c) => [c.id, c])) };
}

/** The last change recorded, by any process (0 for none). */
export const lastChange = (db: Db): number => (prepared(db, 'SELECT coalesce(max(id), 0) AS id FROM changes').get() as { id: number }).id;

/** What committed changes after `after` did to the timeline: the items each added, and those it changed. */
export function timelineEffectsSince(db: Db, after: number): { change: number; added: number[]; changed: number[] }[] {
  const rows = prepared(
    db,
    `SELECT change_id AS change, CAST(substr(record, 6) AS INTEGER) AS item, max(CASE WHEN table_name = 'items' AND operation = 'INSERT' THEN 1 ELSE 0 END) AS added
     FROM row_changes WHERE change_id > ? AND record LIKE 'item:%' GROUP BY change_id, record ORDER BY change_id, item`,
  ).all(after) as { change: number; item: number; added: number }[];
  const byChange = new Map<number, { change: number; added: number[]; changed: number[] }>();
  for (const r of rows) {
    let effects = byChange.get(r.change);
    if (!effects) byChange.set(r.change, (effects = { change: r.change, added: [], changed: [] }));
    (r.added ? effects.added : effects.changed).push(r.item);
  }
  return [...byChange.values()];
}
