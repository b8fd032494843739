import { is, SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { SQLiteSyncDialect } from 'drizzle-orm/sqlite-core';

// Where SQLite and PostgreSQL spell the same SQL differently, the domain writes both spellings
// side by side, here or beside the query, and the database it runs on picks one. Everything
// else is written once, in the SQL both engines read: quoted aliases ("dateEarliest"), an alias
// for every subquery in FROM, CAST rather than `::`.

export type Engine = 'sqlite' | 'postgres';

/** A fragment of a `sql` template with a spelling for each engine; SQLite's is its own chunks. */
export class EngineSql extends SQL {
  constructor(
    sqlite: SQL,
    readonly postgres: SQL,
  ) {
    super(sqlite.queryChunks);
  }
}

/** The fragment as SQLite spells it, and as PostgreSQL does. */
export const bothSpellings = (sqlite: SQL, postgres: SQL): SQL => new EngineSql(sqlite, postgres);

/** A query with each two-spelling fragment in PostgreSQL's (SQLite's are already in place). */
function forPostgres(query: SQL): SQL {
  let changed = false;
  const chunks = query.queryChunks.map((chunk) => {
    if (chunk instanceof EngineSql) {
      changed = true;
      return forPostgres(chunk.postgres);
    }
    if (is(chunk, SQL)) {
      const mapped = forPostgres(chunk);
      if (mapped !== chunk) changed = true;
      return mapped;
    }
    return chunk;
  });
  return changed ? new SQL(chunks) : query;
}

const sqliteDialect = new SQLiteSyncDialect();
const pgDialect = new PgDialect();

/** A `sql` template as the engine's text and parameters (`?` for SQLite, `$1`… for PostgreSQL). */
export function render(engine: Engine, query: SQL): { sql: string; params: unknown[] } {
  return engine === 'sqlite' ? sqliteDialect.sqlToQuery(query) : pgDialect.sqlToQuery(forPostgres(query));
}

/** A constant of SQL text for each engine, built the first time each is asked for. */
export function perEngine(build: (engine: Engine) => string): (engine: Engine) => string {
  const built: Partial<Record<Engine, string>> = {};
  return (engine) => (built[engine] ??= build(engine));
}

/** The ids of a JSON array parameter (`?`, or `@name`), as a subquery's one column `value`. */
export const idsOf = (engine: Engine, parameter = '?'): string =>
  // On PostgreSQL the JSON array of numbers, [1,2,3], is read as the array {1,2,3}: the planner
  // knows how many rows unnest gives (it guesses 100 for a JSON function, and scans for them).
  engine === 'sqlite' ? `SELECT value FROM json_each(${parameter})` : `SELECT unnest(CAST(translate(${parameter}, '[]', '{}') AS bigint[])) AS value`;

/**
 * The condition that `column` is one of the ids of a JSON array parameter. On PostgreSQL it is
 * `= ANY` of the array, which an index scan takes as its keys (`IN (SELECT unnest(…))` is a join
 * the planner builds for each statement: a batch of 50 ids read a third slower so). The array is
 * made once, in a subquery: an expression in `ANY` is evaluated again for each row it tests
 * (the outer CAST, a no-op, keeps `ANY (SELECT …)` from reading as a subquery of rows).
 */
export const amongIds = (engine: Engine, column: string, parameter = '?'): string =>
  engine === 'sqlite' ? `${column} IN (${idsOf(engine, parameter)})` : `${column} = ANY(CAST((SELECT CAST(translate(${parameter}, '[]', '{}') AS bigint[])) AS bigint[]))`;

/**
 * The elements of a JSON array parameter as a table `alias` whose column `value` is each
 * (`alias.value ->> 0` its first field, as text on PostgreSQL). PostgreSQL reads it as jsonb,
 * parsed once: each ->> of a json value parses it again (a bulk insert of rows of 12 fields took
 * 1.7 times as long so).
 */
export const elementsText = (engine: Engine, parameter: string, alias: string): string =>
  engine === 'sqlite' ? `json_each(${parameter}) ${alias}` : `jsonb_array_elements(CAST(${parameter} AS jsonb)) AS ${alias}(value)`;

/** A field of a JSON object (SQL text), as a value of `type`: SQLite's json_extract; on PostgreSQL, ->> and a cast. */
export const jsonField = (engine: Engine, json: string, field: string, type: ValueType): string =>
  engine === 'sqlite' ? `json_extract(${json}, '$.${field}')` : cast(`${json} ->> '${field}'`, type);

/** The texts of a JSON array parameter, as a subquery's one column `value`. */
export const textsOf = (engine: Engine, parameter = '?'): string =>
  engine === 'sqlite' ? `SELECT value FROM json_each(${parameter})` : `SELECT value FROM jsonb_array_elements_text(CAST(${parameter} AS jsonb))`;

/** The SQL types of the columns whose values PostgreSQL will not take as text (SQLite takes any). */
export type ValueType = 'text' | 'integer' | 'real';

/** Element `index` of a JSON array (SQL text, e.g. `w.value`), as a value of `type`: SQLite's ->> as it is; on PostgreSQL, ->> and a cast. */
export const jsonAt = (engine: Engine, json: string, index: number, type: ValueType): string =>
  engine === 'sqlite' ? `${json} ->> ${index}` : cast(`${json} ->> ${index}`, type);

/** PostgreSQL's text from ->> as a value of `type`. */
const cast = (text: string, type: ValueType) => (type === 'text' ? `(${text})` : `CAST(${text} AS ${type === 'integer' ? 'bigint' : 'double precision'})`);
