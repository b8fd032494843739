import { sql, type SQL } from 'drizzle-orm';
import { bothSpellings } from '../db/dialect.ts';
import { allRows, firstRow } from '../db/statements.ts';
import type { Db } from '../db/client.ts';
import { InputError, LimitExceeded } from './errors.ts';
import { finishPage, keysetClauses, type Page, type PageRequest, type SortKey } from './pagination.ts';

/** What a search document is; its FTS rowid is id * 8 + the kind's code (see drizzle/0001_search.sql). */
export const SEARCH_KINDS = { ACTOR: 1, PLACE: 2, SOURCE: 3, TIMELINE_ITEM: 4, QUOTE: 5 } as const;
export type SearchKind = keyof typeof SEARCH_KINDS;
const KIND_BY_CODE = Object.fromEntries(Object.entries(SEARCH_KINDS).map(([k, v]) => [v, k])) as Record<number, SearchKind>;

export interface SearchHit {
  kind: SearchKind;
  id: number;
  /** bm25 score: lower is a better match. */
  score: number;
  snippet: string;
  rowid: number;
}

/** The most words a search may combine, and the most characters it may be. */
export const MAX_SEARCH_TERMS = 32;
export const MAX_SEARCH_LENGTH = 1_000;

/**
 * Turns what a person types into an FTS5 query: every word must match (a trailing * makes it a
 * prefix); quotes and operators are taken as plain text, so no input is a syntax error.
 */
export function toMatchExpression(query: string, field: (string | number)[] = ['query']): string {
  if (query.length > MAX_SEARCH_LENGTH) {
    throw new LimitExceeded('MAX_STRING_LENGTH', `${field.join('.')}: the search is ${query.length.toLocaleString('en')} characters long; claimline searches at most ${MAX_SEARCH_LENGTH.toLocaleString('en')}.`, MAX_SEARCH_LENGTH, query.length, field);
  }
  const words = query.match(/[\p{L}\p{N}]+\*?/gu) ?? [];
  if (words.length === 0) throw new InputError(field, 'give at least one word to search for');
  if (words.length > MAX_SEARCH_TERMS) {
    throw new LimitExceeded('MAX_SEARCH_TERMS', `${field.join('.')}: the search has ${words.length.toLocaleString('en')} words; claimline combines at most ${MAX_SEARCH_TERMS} (every word must match).`, MAX_SEARCH_TERMS, words.length, field);
  }
  return words.map((w) => (w.endsWith('*') ? `"${w.slice(0, -1)}"*` : `"${w}"`)).join(' ');
}

/**
 * The condition that a search document matches what a person typed, as each engine searches:
 * SQLite's FTS5 MATCH, or PostgreSQL's tsquery over the document's tsvector (drizzle-pg/0001_search.sql).
 * Every word must match, a trailing * makes it a prefix, on both.
 */
export function matching(query: string, field: (string | number)[] = ['query']): { where: SQL; tsquery: SQL } {
  const fts5 = toMatchExpression(query, field);
  const words = fts5.match(/"[^"]+"\*?/g)!.map((w) => (w.endsWith('*') ? `${w.slice(1, -2)}:*` : w.slice(1, -1)));
  const tsquery = sql`to_tsquery('claimline', ${words.join(' & ')})`;
  return { where: bothSpellings(sql`search_index MATCH ${fts5}`, sql`document @@ ${tsquery}`), tsquery };
}

/** Only documents of these kinds (the kind is the rowid's remainder by 8). */
const kindCondition = (kinds: readonly SearchKind[] | null) =>
  kinds?.length ? [sql`rowid % 8 IN (${sql.join(kinds.map((k) => sql`${SEARCH_KINDS[k]}`), sql`, `)})`] : [];

// Retracted records leave search: their documents' rowids, from the partial retracted indexes.
const RETRACTED = sql.raw(
  Object.entries({ actors: 'ACTOR', places: 'PLACE', sources: 'SOURCE', items: 'TIMELINE_ITEM', quotes: 'QUOTE' } as const)
    .map(([table, kind]) => `SELECT id * 8 + ${SEARCH_KINDS[kind]} FROM ${table} WHERE retracted_at IS NOT NULL`)
    .join(' UNION ALL '),
);
const standing = sql`rowid NOT IN (${RETRACTED})`;

export const SEARCH_ORDER = 'rank';
const searchKey = { columns: [sql`score`, sql`rowid`], of: (h: SearchHit): SortKey => [h.score, h.rowid] };

/** Ranked matches for names, aliases, titles, texts, summaries and quotes, best first. */
export function searchPage(db: Db, query: string, kinds: readonly SearchKind[] | null, request: PageRequest): Page<SearchHit> {
  const match = matching(query);
  const keyset = keysetClauses(searchKey.columns, request, 'ASC');
  const where = [...keyset.where, ...kindCondition(kinds), standing];
  // The score: FTS5's bm25, or the negated ts_rank_cd (cover density) on PostgreSQL; lower is better on both.
  const hit = bothSpellings(
    sql`bm25(search_index) AS score, snippet(search_index, 0, '[', ']', '…', 16) AS snippet`,
    sql`-ts_rank_cd(document, ${match.tsquery}, 2) AS score, ts_headline('claimline', body, ${match.tsquery}, 'StartSel=[, StopSel=], MaxWords=16, MinWords=6, ShortWord=0, MaxFragments=1') AS snippet`,
  );
  const rows = allRows<{ rowid: number; score: number; snippet: string }>(db,
    sql`SELECT * FROM (SELECT rowid AS rowid, ${hit} FROM search_index WHERE ${match.where}) AS hits${where.length ? sql` WHERE ${sql.join(where, sql` AND `)}` : sql``} ${keyset.orderBy}`,
  );
  const hits = rows.map((r) => ({ ...r, kind: KIND_BY_CODE[r.rowid % 8]!, id: Math.floor(r.rowid / 8) }));
  return finishPage(request, hits, searchKey.of);
}

export function countSearch(db: Db, query: string, kinds: readonly SearchKind[] | null): number {
  const where = [matching(query).where, ...kindCondition(kinds), standing];
  return firstRow<{ n: number }>(db, sql`SELECT count(*) AS n FROM search_index WHERE ${sql.join(where, sql` AND `)}`)!.n;
}
