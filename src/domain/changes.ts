import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { shapeOf, TRACKED, type TableShape } from '../db/history.ts';
import { LimitExceeded } from './errors.ts';

/** What made a change: the mutation or command, and the API key's name (null for the command line). */
export interface Origin {
  operation: string;
  keyName: string | null;
}

/**
 * Opens the change that the history triggers file every row change under. Its instant is never
 * earlier than the previous change's, so "changes after T" are always a suffix of the log.
 * Call inside the write's transaction, before its first write.
 */
export function openChange(db: Db, origin: Origin): number {
  const now = new Date().toISOString();
  return db.get<{ id: number }>(
    sql`INSERT INTO changes (at, operation, key_name)
      VALUES (max(${now}, coalesce((SELECT at FROM changes ORDER BY id DESC LIMIT 1), '')), ${origin.operation}, ${origin.keyName})
      RETURNING id`,
  )!.id;
}

/**
 * Runs a synchronous write as one IMMEDIATE transaction (it takes the write lock at once, so
 * concurrent writers queue rather than fail on upgrade), recorded as one change: all of it or,
 * on any error, none of it.
 */
export function recordedWrite<T>(db: Db, origin: Origin, body: (tx: Db) => T): T {
  return db.transaction(
    (tx) => {
      openChange(tx as unknown as Db, origin);
      return body(tx as unknown as Db);
    },
    { behavior: 'immediate' },
  );
}

const SHAPES = new Map<string, TableShape>(TRACKED.map(({ table }) => {
  const shape = shapeOf(table);
  return [shape.name, shape];
}));

/** Statements that undo one recorded row change, from its before/after JSON. */
function undoStatements(db: Db) {
  const sqlite = db.$client;
  const cache = new Map<string, { insert: ReturnType<typeof sqlite.prepare>; update: ReturnType<typeof sqlite.prepare>; remove: ReturnType<typeof sqlite.prepare> }>();
  return (table: string) => {
    let statements = cache.get(table);
    if (!statements) {
      const { columns, primaryKey } = SHAPES.get(table)!;
      const value = (row: string, c: string) => `json_extract(:${row}, '$.${c}')`;
      const keyOf = (row: string) => primaryKey.map((c) => `${c} = ${value(row, c)}`).join(' AND ');
      statements = {
        insert: sqlite.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => value('before', c)).join(', ')})`),
        // An update may have changed the key itself: the row is found by its new key.
        update: sqlite.prepare(`UPDATE ${table} SET ${columns.map((c) => `${c} = ${value('before', c)}`).join(', ')} WHERE ${keyOf('after')}`),
        remove: sqlite.prepare(`DELETE FROM ${table} WHERE ${keyOf('after')}`),
      };
      cache.set(table, statements);
    }
    return statements;
  };
}

/**
 * Puts the database back as it stood at `instant` by undoing, newest first, every row change
 * recorded after it. Only for a transaction that is rolled back afterwards (an as-of read). It
 * seeks the changes after the instant through the change-id index, so its cost is the number of
 * row changes it undoes, and it refuses to undo more than `maxRowChanges`.
 */
export function rewindTo(db: Db, instant: Date, maxRowChanges = Infinity): void {
  const sqlite = db.$client;
  const since = (sqlite.prepare('SELECT coalesce((SELECT max(id) FROM changes WHERE at <= ?), 0) AS id').get(instant.toISOString()) as { id: number }).id;
  if (Number.isFinite(maxRowChanges)) {
    const { count } = sqlite.prepare('SELECT count(*) AS count FROM (SELECT 1 FROM row_changes WHERE change_id > ? LIMIT ?)').get(since, maxRowChanges + 1) as { count: number };
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
  // make their order within one statement unknowable; nothing here is ever committed.
  sqlite.pragma('defer_foreign_keys = ON');
  const statementsFor = undoStatements(db);
  // Newest first, in bounded batches (a statement cannot write while another is being iterated),
  // in the order of the change-id index: (change_id, id) descending.
  const batch = sqlite.prepare(
    `SELECT id, change_id AS changeId, table_name AS tableName, operation, before, after FROM row_changes
     WHERE change_id > :since AND (change_id, id) < (:change, :id) ORDER BY change_id DESC, id DESC LIMIT 10000`,
  );
  for (let below = { change: Number.MAX_SAFE_INTEGER, id: Number.MAX_SAFE_INTEGER }; ; ) {
    const undo = batch.all({ since, ...below }) as { id: number; changeId: number; tableName: string; operation: string; before: string | null; after: string | null }[];
    if (undo.length === 0) break;
    below = { change: undo.at(-1)!.changeId, id: undo.at(-1)!.id };
    for (const change of undo) {
      const statements = statementsFor(change.tableName);
      if (change.operation === 'INSERT') statements.remove.run({ after: change.after });
      else if (change.operation === 'DELETE') statements.insert.run({ before: change.before });
      else statements.update.run({ before: change.before, after: change.after });
    }
  }
  // History itself as it stood: the later changes (and the undo's own rows) are forgotten too.
  sqlite.prepare('DELETE FROM row_changes WHERE change_id > ?').run(since);
  sqlite.prepare('DELETE FROM changes WHERE id > ?').run(since);
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
  before: string | null;
  after: string | null;
}

/** Every recorded row change of the given records ("actor:7"), oldest first, with their changes. */
export function historyOf(db: Db, records: readonly string[]): { rows: RowChange[]; changes: Map<number, ChangeRow> } {
  const rows = db.all<RowChange>(
    sql`SELECT change_id AS changeId, record, table_name AS tableName, operation, before, after FROM row_changes
      WHERE record IN (${sql.join(records.map((r) => sql`${r}`), sql`, `)}) ORDER BY change_id, id`,
  );
  const ids = [...new Set(rows.map((r) => r.changeId))];
  const changes = ids.length
    ? db.all<ChangeRow>(sql`SELECT id, at, operation, key_name AS keyName FROM changes WHERE id IN (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})`)
    : [];
  return { rows, changes: new Map(changes.map((c) => [c.id, c])) };
}
