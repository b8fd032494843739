import { Column, getTableName, is, SQL, sql, StringChunk } from 'drizzle-orm';
import {
  bigint,
  check,
  doublePrecision,
  foreignKey,
  index,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  getTableConfig as getPgTableConfig,
  type AnyPgColumn,
  type PgTableWithColumns,
} from 'drizzle-orm/pg-core';
import { getTableConfig, SQLiteTable, type SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { ValueType } from './dialect.ts';
import * as sqlite from './schema.ts';

// The PostgreSQL tables are not written a second time: each is read off its SQLite definition in
// src/db/schema.ts (columns, keys, indexes, checks, foreign keys, names and all), so the two
// engines hold the same schema by construction. drizzle-kit generates drizzle-pg/ from this file.
//
// What the engines spell differently is translated here, and only here:
//   integer  → bigint (instants are epoch milliseconds, past 32 bits), as a JavaScript number
//   real     → double precision (both are IEEE doubles)
//   an integer primary key that is not a foreign key → an identity, as SQLite's rowid assigns one
//   the few SQLite-only expressions below → their PostgreSQL equivalents

type AnyPgTable = PgTableWithColumns<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The SQLite functions the schema's defaults and checks use, as PostgreSQL spells them. */
const EXPRESSIONS: Record<string, string> = {
  // The created_at default: ISO 8601 in UTC with milliseconds.
  "(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))": `to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`,
};

/** The checks whose SQLite text has no PostgreSQL reading, by name, over the PostgreSQL table's columns. */
const CHECKS: Record<string, (columns: Record<string, AnyPgColumn>) => SQL> = {
  // json_valid and json_type: text that parses as a JSON array.
  events_contexts_check: (c) => sql`jsonb_typeof(${c.contexts}::jsonb) = 'array'`,
};

/** Every table of src/db/schema.ts, with the name it is exported by, in the order it defines them. */
export const sqliteTables = Object.entries(sqlite as Record<string, unknown>).filter((entry): entry is [string, SQLiteTable] => is(entry[1], SQLiteTable));
const byName = new Map<string, AnyPgTable>();

/** The PostgreSQL column of `column` (a column of any SQLite table). */
const counterpart = (column: SQLiteColumn): AnyPgColumn => {
  const table = byName.get(getTableName(column.table))!;
  return Object.values(table).find((c) => is(c, Column) && c.name === column.name) as AnyPgColumn;
};

/** A SQLite SQL expression over SQLite columns, as the same expression over the PostgreSQL columns. */
function translate(expression: SQL): SQL {
  const chunks = expression.queryChunks.map((chunk) => {
    if (is(chunk, Column)) return counterpart(chunk as SQLiteColumn);
    if (is(chunk, SQL)) return translate(chunk);
    if (is(chunk, StringChunk)) {
      const text = chunk.value.join('');
      if (/\b(strftime|json_\w+|julianday|group_concat)\b/.test(text)) {
        const known = EXPRESSIONS[text];
        if (!known) throw new Error(`src/db/schema-pg.ts: no PostgreSQL reading of the SQLite expression ${text}`);
        return sql.raw(known);
      }
    }
    return chunk;
  });
  return new SQL(chunks);
}

function derive(table: SQLiteTable): AnyPgTable {
  const config = getTableConfig(table);
  const keyOf = new Map(Object.entries(table).filter(([, c]) => is(c, Column)).map(([key, c]) => [(c as SQLiteColumn).name, key]));
  const foreignKeyed = new Set(config.foreignKeys.flatMap((fk) => fk.reference().columns.map((c) => c.name)));
  const columns = Object.fromEntries(
    config.columns.map((column) => {
      const builder =
        column.columnType === 'SQLiteInteger'
          ? bigint(column.name, { mode: 'number' })
          : column.columnType === 'SQLiteReal'
            ? doublePrecision(column.name)
            : column.columnType === 'SQLiteText'
              ? text(column.name)
              : undefined;
      if (!builder) throw new Error(`src/db/schema-pg.ts: no PostgreSQL type for ${config.name}.${column.name} (${column.columnType})`);
      let built: ReturnType<typeof text> | ReturnType<typeof bigint> | ReturnType<typeof doublePrecision> = builder;
      if (column.primary) {
        built = built.primaryKey();
        if (column.columnType === 'SQLiteInteger' && !foreignKeyed.has(column.name)) built = (built as ReturnType<typeof bigint>).generatedByDefaultAsIdentity();
      }
      if (column.notNull && !column.primary) built = built.notNull();
      if (column.hasDefault && column.default !== undefined) built = built.default(is(column.default, SQL) ? translate(column.default) : (column.default as never));
      return [keyOf.get(column.name)!, built];
    }),
  );
  return pgTable(config.name, columns, (t) => {
    const pg = (c: SQLiteColumn) => (t as Record<string, AnyPgColumn>)[keyOf.get(c.name)!]!;
    const part = (c: SQLiteColumn | SQL) => (is(c, SQL) ? translate(c) : pg(c as SQLiteColumn));
    return [
      ...config.primaryKeys.map((key) => primaryKey({ name: key.getName(), columns: key.columns.map(pg) as [AnyPgColumn, ...AnyPgColumn[]] })),
      ...config.indexes.map(({ config: i }) => {
        const on = (i.unique ? uniqueIndex : index)(i.name).on(...(i.columns.map(part) as [AnyPgColumn]));
        return i.where ? on.where(translate(i.where)) : on;
      }),
      ...config.checks.map((c) => check(c.name, CHECKS[c.name]?.(t as Record<string, AnyPgColumn>) ?? translate(c.value))),
      ...config.foreignKeys.map((fk) => {
        const reference = fk.reference();
        let key = foreignKey({ name: fk.getName(), columns: reference.columns.map(pg) as [AnyPgColumn], foreignColumns: reference.foreignColumns.map(counterpart) as [AnyPgColumn] });
        if (fk.onDelete) key = key.onDelete(fk.onDelete);
        if (fk.onUpdate) key = key.onUpdate(fk.onUpdate);
        return key;
      }),
    ];
  });
}

for (const [, table] of sqliteTables) byName.set(getTableName(table), derive(table));

/** The type of each column of each table, as src/db/schema.ts declares it: what PostgreSQL casts a JSON value to. */
export const COLUMN_TYPES: ReadonlyMap<string, ReadonlyMap<string, ValueType>> = new Map(
  sqliteTables.map(([, table]) => {
    const config = getTableConfig(table);
    const type = (c: (typeof config.columns)[number]): ValueType => (c.columnType === 'SQLiteInteger' ? 'integer' : c.columnType === 'SQLiteReal' ? 'real' : 'text');
    return [config.name, new Map(config.columns.map((c) => [c.name, type(c)]))] as const;
  }),
);

/** Every PostgreSQL table, by its SQL name, in the order src/db/schema.ts defines them. */
export const pgTables: ReadonlyMap<string, AnyPgTable> = byName;

/**
 * The statements that make every foreign key deferrable (still checked at each statement unless a
 * transaction defers them): an as-of read undoes row changes in an order that can break a key
 * until its undo is complete (src/domain/changes.ts: rewindTo), as SQLite's defer_foreign_keys
 * lets it. drizzle-kit has no word for it, so drizzle-pg/0003_deferrable_keys.sql holds these,
 * printed by `npx tsx scripts/triggers.ts postgres-keys`; a test checks every key is deferrable.
 */
export function deferrableKeys(): string[] {
  return [...byName.values()].flatMap((table) => {
    const config = getPgTableConfig(table);
    return config.foreignKeys.map((fk) => `ALTER TABLE ${config.name} ALTER CONSTRAINT ${fk.getName()} DEFERRABLE INITIALLY IMMEDIATE`);
  });
}

const exported = Object.fromEntries(sqliteTables.map(([key, table]) => [key, byName.get(getTableName(table))!])) as Record<keyof typeof sqlite, AnyPgTable>;

// Named as in src/db/schema.ts, for drizzle-kit (which reads a schema file's exports); a table
// left out here would show as a drop in the drift test (test/migrations.test.ts).
export const {
  sources, actors, actorAliases, actorIdentifiers, actorCodes, actorRelations, places, placeAliases, items, events, eventParticipants,
  itemPlaces, itemIdentifiers, gdeltCodings, acledCodings, eventQuantities, claims, claimAccused, links, quotes, citations, sameAs,
  sameAsMembers, actorGroups, eventGroups, recordKeys, claimReviews, apiKeys, changes, rowChanges,
} = exported;
