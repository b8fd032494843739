import { sql, type SQL } from 'drizzle-orm';

/** Values as an SQL list of parameters, for `IN (…)` over a few values (vocabulary, a page of ids). */
export const list = (values: readonly (string | number)[]): SQL => sql.join(values.map((v) => sql`${v}`), sql`, `);

/** Any number of ids as one JSON parameter, a subquery for `IN (…)`: no limit on bound variables. */
export const idsIn = (ids: Iterable<number>): SQL => sql`SELECT value FROM json_each(${JSON.stringify([...ids])})`;
