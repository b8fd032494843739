import { sql, type SQL } from 'drizzle-orm';
import { allRows, batchRead, batchReadWith, columnsOf, fieldsOf, firstRow, prepared } from '../db/statements.ts';
import { amongIds, perEngine } from '../db/dialect.ts';
import { list } from './sql-lists.ts';
import type { Db } from '../db/client.ts';
import {
  actorAliases,
  actorCodes,
  actorIdentifiers,
  actorRelations,
  actors,
  citations,
  claimAccused,
  claimReviews,
  eventParticipants,
  eventQuantities,
  acledCodings,
  gdeltCodings,
  itemIdentifiers,
  itemPlaces,
  links,
  placeAliases,
  places,
  quotes,
  sources,
} from '../db/schema.ts';
import { finishPage, keysetClauses, type Page, type PageRequest, type SortKey } from './pagination.ts';
import type { ActorCodeScheme, ActorKind, ItemType, PlaceKind, SortDirection } from '../db/vocabulary.ts';

export type ActorRow = typeof actors.$inferSelect;
export type PlaceRow = typeof places.$inferSelect;
export type SourceRow = typeof sources.$inferSelect;
export type QuoteRow = typeof quotes.$inferSelect;
export type RelationRow = typeof actorRelations.$inferSelect;
export type LinkRow = typeof links.$inferSelect;
export type CitationRow = typeof citations.$inferSelect;
export type ParticipantRow = typeof eventParticipants.$inferSelect;
export type QuantityRow = typeof eventQuantities.$inferSelect;
export type ReviewRow = typeof claimReviews.$inferSelect;
export type ItemIdentifierRow = typeof itemIdentifiers.$inferSelect;
export type GdeltRow = typeof gdeltCodings.$inferSelect;
export type AcledRow = typeof acledCodings.$inferSelect;

// Batch reads: each takes the ids of one DataLoader batch and runs one statement, prepared once
// per connection (src/db/statements.ts).
export const actorsByIds = batchRead<ActorRow>(actors, 'id');
export const placesByIds = batchRead<PlaceRow>(places, 'id');
export const sourcesByIds = batchRead<SourceRow>(sources, 'id');
export const quotesByIds = batchRead<QuoteRow>(quotes, 'id');
export const relationsByIds = batchRead<RelationRow>(actorRelations, 'id');
export const linksByIds = batchRead<LinkRow>(links, 'id');
export const aliasesByActors = batchRead<typeof actorAliases.$inferSelect>(actorAliases, 'actor_id', { order: 'alias' });
export const identifiersByActors = batchRead<typeof actorIdentifiers.$inferSelect>(actorIdentifiers, 'actor_id', { order: 'scheme, value' });
export const codesByActors = batchRead<typeof actorCodes.$inferSelect>(actorCodes, 'actor_id', { order: 'scheme, value' });
const RELATIONS_OF = perEngine(
  (engine) => `SELECT ${columnsOf(actorRelations)} FROM actor_relations WHERE (${amongIds(engine, 'subject_id', '@ids')} OR ${amongIds(engine, 'object_id', '@ids')})
  AND retracted_at IS NULL ORDER BY id`,
);
/** Standing relations either end of which is one of the actors, by id. */
export const relationsByActors = (db: Db, ids: readonly number[]): RelationRow[] => prepared(db, RELATIONS_OF(db.$engine)).all({ ids: JSON.stringify(ids) }) as RelationRow[];
export const aliasesByPlaces = batchRead<typeof placeAliases.$inferSelect>(placeAliases, 'place_id', { order: 'alias' });
export const childrenOfPlaces = batchRead<PlaceRow>(places, 'parent_id', { where: 'retracted_at IS NULL', order: 'name, id' });
export const quotesBySources = batchRead<QuoteRow>(quotes, 'source_id', { where: 'retracted_at IS NULL', order: 'start, "end", id' });
export const participantsByEvents = batchRead<ParticipantRow>(eventParticipants, 'event_id', { order: 'role, actor_id' });
export const placesByItems = batchRead<typeof itemPlaces.$inferSelect>(itemPlaces, 'item_id', { order: 'place_id' });
export const identifiersByItems = batchRead<ItemIdentifierRow>(itemIdentifiers, 'item_id', { order: 'scheme, value' });
export const gdeltByItems = batchRead<GdeltRow>(gdeltCodings, 'item_id');
export const acledByItems = batchRead<AcledRow>(acledCodings, 'item_id');
export const quantitiesByEvents = batchRead<QuantityRow>(eventQuantities, 'event_id', { order: 'id' });
export const accusedByClaims = batchRead<typeof claimAccused.$inferSelect>(claimAccused, 'claim_id', { order: 'actor_id' });
export const reviewsByClaims = batchRead<ReviewRow>(claimReviews, 'claim_id', { order: 'published_earliest, id' });
export const linksFromItems = batchRead<LinkRow>(links, 'from_item_id', { where: 'retracted_at IS NULL', order: 'id' });
export const linksToItems = batchRead<LinkRow>(links, 'to_item_id', { where: 'retracted_at IS NULL', order: 'id' });
export const citationsByItems = batchRead<CitationRow>(citations, 'item_id', { order: 'id' });
/** The same, each with the quote it cites: one statement per batch. */
export const citationsWithQuotes = batchReadWith<CitationRow, QuoteRow>(citations, 'item_id', { order: 't.id' }, { join: 'quotes j ON j.id = t.quote_id', fields: fieldsOf(quotes, 'j') });
export const citationsByRelations = batchRead<CitationRow>(citations, 'relation_id', { order: 'id' });
export const citationsByQuotes = batchRead<CitationRow>(citations, 'quote_id', { order: 'id' });

/** A standing record a text names: an actor or place by name (else alias), an item of a type by the start of its summary. */
export function recordNamed(db: Db, kind: 'actor' | 'place' | ItemType, text: string): number | null {
  const row =
    kind === 'actor' || kind === 'place'
      ? prepared(
          db,
          `SELECT id FROM ${kind}s WHERE retracted_at IS NULL AND (name = @text OR id IN (SELECT ${kind}_id FROM ${kind}_aliases WHERE alias = @text)) ORDER BY name = @text DESC, id LIMIT 1`,
        ).get({ text })
      : prepared(db, 'SELECT id FROM items WHERE type = @kind AND retracted_at IS NULL AND substr(summary, 1, length(@text)) = @text ORDER BY id LIMIT 1').get({ kind, text });
  return (row as { id: number } | undefined)?.id ?? null;
}

/** The item a data set's key names, if any. */
export const itemByIdentifier = (db: Db, scheme: string, value: string): number | null =>
  (prepared(db, 'SELECT item_id AS id FROM item_identifiers WHERE scheme = ? AND value = ?').get(scheme, value) as { id: number } | undefined)?.id ?? null;


/** One keyset page over a table: `select` names the row's columns, `key` the sort columns. */
function pageRows<T>(db: Db, select: SQL, where: SQL[], key: { columns: SQL[]; of: (row: T) => SortKey }, request: PageRequest, direction: SortDirection): Page<T> {
  const keyset = keysetClauses(key.columns, request, direction);
  const all = [...where, ...keyset.where];
  const rows = allRows<T>(db, sql`${select}${all.length ? sql` WHERE ${sql.join(all, sql` AND `)}` : sql``} ${keyset.orderBy}`);
  return finishPage(request, rows, key.of);
}

function countRows(db: Db, from: SQL, where: SQL[]): number {
  return firstRow<{ n: number }>(db, sql`SELECT count(*) AS n FROM ${from}${where.length ? sql` WHERE ${sql.join(where, sql` AND `)}` : sql``}`)!.n;
}

export interface ActorFilter {
  kinds?: readonly ActorKind[];
  countries?: readonly string[];
  /** Actors holding every one of these codes (all the actors GDELT codes USA, or USA and ELI). */
  codes?: readonly { scheme: ActorCodeScheme; value: string }[];
}
// Retracted records leave the lists (they stay readable by ID, in history and as of earlier).
const live = sql`retracted_at IS NULL`;
const actorWhere = (f: ActorFilter) => [
  live,
  ...(f.kinds ? [sql`kind IN (${list(f.kinds)})`] : []),
  ...(f.countries ? [sql`country IN (${list(f.countries)})`] : []),
  ...(f.codes ?? []).map((c) => sql`id IN (SELECT actor_id FROM actor_codes WHERE scheme = ${c.scheme} AND value = ${c.value})`),
];

/** The ids of the standing actors a filter admits. */
export const actorIdsWhere = (db: Db, filter: ActorFilter): number[] =>
  allRows<{ id: number }>(db, sql`SELECT id FROM actors WHERE ${sql.join(actorWhere(filter), sql` AND `)}`).map((r) => r.id);
const ACTOR_SELECT = sql`SELECT id, name, kind, country, description, created_at AS "createdAt", retracted_at AS "retractedAt", retraction_reason AS "retractionReason" FROM actors`;
export const ACTOR_ORDER = 'name';
export const actorKey = { columns: [sql`name`, sql`id`], of: (a: ActorRow): SortKey => [a.name, a.id] };
export const pageActors = (db: Db, f: ActorFilter, r: PageRequest, d: SortDirection) => pageRows(db, ACTOR_SELECT, actorWhere(f), actorKey, r, d);
export const countActors = (db: Db, f: ActorFilter) => countRows(db, sql`actors`, actorWhere(f));

export interface PlaceFilter {
  kinds?: readonly PlaceKind[];
  countries?: readonly string[];
  /** Places directly inside this one. */
  parentId?: number;
}
const placeWhere = (f: PlaceFilter) => [
  live,
  ...(f.kinds ? [sql`kind IN (${list(f.kinds)})`] : []),
  ...(f.countries ? [sql`country IN (${list(f.countries)})`] : []),
  ...(f.parentId !== undefined ? [sql`parent_id = ${f.parentId}`] : []),
];
const PLACE_SELECT = sql`SELECT id, name, kind, country, latitude, longitude, geonames_id AS "geonamesId", parent_id AS "parentId", created_at AS "createdAt", retracted_at AS "retractedAt", retraction_reason AS "retractionReason" FROM places`;
export const PLACE_ORDER = 'name';
export const placeKey = { columns: [sql`name`, sql`id`], of: (p: PlaceRow): SortKey => [p.name, p.id] };
export const pagePlaces = (db: Db, f: PlaceFilter, r: PageRequest, d: SortDirection) => pageRows(db, PLACE_SELECT, placeWhere(f), placeKey, r, d);
export const countPlaces = (db: Db, f: PlaceFilter) => countRows(db, sql`places`, placeWhere(f));

export interface SourceFilter {
  languages?: readonly string[];
  publishers?: readonly string[];
}
const sourceWhere = (f: SourceFilter) => [
  live,
  ...(f.languages ? [sql`language IN (${list(f.languages)})`] : []),
  ...(f.publishers ? [sql`publisher IN (${list(f.publishers)})`] : []),
];
const SOURCE_SELECT = sql`SELECT id, title, publisher, url, published_edtf AS "publishedEdtf", published_earliest AS "publishedEarliest",
  published_latest AS "publishedLatest", published_basis AS "publishedBasis", language, text, created_at AS "createdAt", retracted_at AS "retractedAt", retraction_reason AS "retractionReason" FROM sources`;
export const SOURCE_ORDERS = {
  PUBLISHED: { columns: [sql`published_earliest`, sql`published_latest`, sql`id`], of: (s: SourceRow): SortKey => [s.publishedEarliest, s.publishedLatest, s.id] },
  // Keyset columns must be non-null: untitled sources sort first, as the empty title.
  TITLE: { columns: [sql`coalesce(title, '')`, sql`id`], of: (s: SourceRow): SortKey => [s.title ?? '', s.id] },
};
export const pageSources = (db: Db, f: SourceFilter, order: keyof typeof SOURCE_ORDERS, r: PageRequest, d: SortDirection) =>
  pageRows(db, SOURCE_SELECT, sourceWhere(f), SOURCE_ORDERS[order], r, d);
export const countSources = (db: Db, f: SourceFilter) => countRows(db, sql`sources`, sourceWhere(f));
