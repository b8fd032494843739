import { sql, type SQL } from 'drizzle-orm';
import { bothSpellings } from '../db/dialect.ts';

/**
 * Values as an SQL list of parameters, for `IN (…)` over a few values (vocabulary, a page of ids).
 * No values is `(NULL)`, which nothing is in (PostgreSQL refuses `IN ()`, which SQLite reads so;
 * NULL takes the type of what it is compared with). Not for `NOT IN`, which would hold nothing too.
 */
export const list = (values: readonly (string | number)[]): SQL => (values.length ? sql.join(values.map((v) => sql`${v}`), sql`, `) : sql`NULL`);

/** Any number of ids as one JSON parameter, a subquery for `IN (…)`: no limit on bound variables. */
export const idsIn = (ids: Iterable<number>): SQL => {
  const json = JSON.stringify([...ids]);
  return bothSpellings(sql`SELECT value FROM json_each(${json})`, sql`SELECT unnest(CAST(translate(${json}, '[]', '{}') AS bigint[])) AS value`);
};

/** The elements of a JSON array (given as text), as a table `alias` whose column `value` is each (`alias.value ->> 0` its first field). */
export const elementsOf = (json: string, alias: string): SQL =>
  bothSpellings(sql`json_each(${json}) ${sql.raw(alias)}`, sql`jsonb_array_elements(CAST(${json} AS jsonb)) AS ${sql.raw(alias)}(value)`);
