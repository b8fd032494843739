import { sql, type SQL } from 'drizzle-orm';
import { InputError } from './errors.ts';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

/** Relay's pagination arguments. */
export interface PageArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

export type SortKey = (string | number)[];

/** A validated page request: how many rows, which way, and the decoded cursor bounds. */
export interface PageRequest {
  limit: number;
  /** True for last/before: read from the end, then restore the order. */
  backward: boolean;
  after: SortKey | null;
  before: SortKey | null;
}

export interface Page<T> {
  rows: T[];
  keys: SortKey[];
  hasNextPage: boolean;
  hasPreviousPage: boolean;
}

// A cursor is the row's sort key, tagged with the ordering it belongs to, so a cursor from
// another ordering or connection is refused instead of silently misread.
export function encodeCursor(ordering: string, key: SortKey): string {
  return Buffer.from(JSON.stringify([ordering, ...key])).toString('base64url');
}

function decodeCursor(cursor: string, ordering: string, width: number, field: string): SortKey {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    decoded = null;
  }
  if (
    !Array.isArray(decoded) ||
    decoded[0] !== ordering ||
    decoded.length !== width + 1 ||
    !decoded.slice(1).every((v) => typeof v === 'number' || typeof v === 'string')
  ) {
    throw new InputError([field], 'is not a cursor of this connection in this order: use a cursor this connection returned');
  }
  return decoded.slice(1) as SortKey;
}

export function pageRequest(args: PageArgs, ordering: string, keyWidth: number): PageRequest {
  const { first, last, after, before } = args;
  if (first != null && last != null) throw new InputError(['last'], 'give first or last, not both');
  for (const [name, value] of [['first', first], ['last', last]] as const) {
    if (value == null) continue;
    if (!Number.isInteger(value) || value < 0) throw new InputError([name], 'must be a whole number, 0 or more');
    if (value > MAX_PAGE_SIZE) throw new InputError([name], `must be at most ${MAX_PAGE_SIZE} (the page size cap)`);
  }
  return {
    limit: first ?? last ?? DEFAULT_PAGE_SIZE,
    backward: last != null,
    after: after == null ? null : decodeCursor(after, ordering, keyWidth, 'after'),
    before: before == null ? null : decodeCursor(before, ordering, keyWidth, 'before'),
  };
}

/** Trims the extra row read to learn whether there is more, and restores order for backward pages. */
export function finishPage<T>(request: PageRequest, fetched: T[], keyOf: (row: T) => SortKey): Page<T> {
  const more = fetched.length > request.limit;
  const rows = more ? fetched.slice(0, request.limit) : fetched;
  if (request.backward) rows.reverse();
  return {
    rows,
    keys: rows.map(keyOf),
    hasNextPage: request.backward ? request.before !== null : more,
    hasPreviousPage: request.backward ? more : request.after !== null,
  };
}

/** The direction a page's statement reads the keys in: a backward page reads them reversed. */
export const scanDirection = (request: PageRequest, direction: 'ASC' | 'DESC'): 'ASC' | 'DESC' => ((direction === 'DESC') !== request.backward ? 'DESC' : 'ASC');

/**
 * The WHERE terms and ORDER BY of a keyset page over `columns` (non-null, ending with a unique
 * column): a row-value comparison with the cursor, which SQLite answers from the index.
 */
export function keysetClauses(columns: SQL[], request: PageRequest, direction: 'ASC' | 'DESC') {
  const key = sql`(${sql.join(columns, sql`, `)})`;
  const bound = (cursor: SortKey) => sql`(${sql.join(cursor.map((v) => sql`${v}`), sql`, `)})`;
  // The bound on the leading column alone lets SQLite seek an expression index too (it cannot
  // seek one by a row value); the row-value comparison then makes the bound exact.
  const compare = (cursor: SortKey, op: '>' | '<') =>
    sql`${columns[0]} ${sql.raw(op)}= ${cursor[0]} AND ${key} ${sql.raw(op)} ${bound(cursor)}`;
  const where: SQL[] = [];
  if (request.after) where.push(compare(request.after, direction === 'ASC' ? '>' : '<'));
  if (request.before) where.push(compare(request.before, direction === 'ASC' ? '<' : '>'));
  const order = sql.raw(scanDirection(request, direction));
  // The limit is written into the text (a whole number pageRequest bounds): PostgreSQL plans a
  // parameter's LIMIT for a tenth of the table, so its generic plan never wins and each page
  // was planned again (a third of a page's time).
  if (!Number.isSafeInteger(request.limit) || request.limit < 0) throw new RangeError(`a page's limit is a whole number, not ${request.limit}`);
  return {
    where,
    orderBy: sql`ORDER BY ${sql.join(columns.map((c) => sql`${c} ${order}`), sql`, `)} LIMIT ${sql.raw(String(request.limit + 1))}`,
  };
}

/** Compares two sort keys value by value (numbers with numbers, strings with strings). */
const compareKeys = (x: SortKey, y: SortKey): number => {
  for (let i = 0; i < x.length; i += 1) if (x[i] !== y[i]) return x[i]! < y[i]! ? -1 : 1;
  return 0;
};

/** A keyset page over rows already in memory, sorted ascending by their keys. */
export function pageArray<T>(sorted: readonly T[], request: PageRequest, keyOf: (row: T) => SortKey): Page<T> {
  const { after, before } = request;
  const inRange = sorted.filter((row) => (after === null || compareKeys(keyOf(row), after) > 0) && (before === null || compareKeys(keyOf(row), before) < 0));
  const fetched = request.backward ? inRange.slice(-(request.limit + 1)).reverse() : inRange.slice(0, request.limit + 1);
  return finishPage(request, fetched, keyOf);
}
