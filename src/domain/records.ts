import { and, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
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

// Batch reads: each takes the ids of one DataLoader batch and runs one statement.
export const actorsByIds = (db: Db, ids: readonly number[]) => db.select().from(actors).where(inArray(actors.id, [...ids])).all();
export const placesByIds = (db: Db, ids: readonly number[]) => db.select().from(places).where(inArray(places.id, [...ids])).all();
export const sourcesByIds = (db: Db, ids: readonly number[]) => db.select().from(sources).where(inArray(sources.id, [...ids])).all();
export const quotesByIds = (db: Db, ids: readonly number[]) => db.select().from(quotes).where(inArray(quotes.id, [...ids])).all();
export const relationsByIds = (db: Db, ids: readonly number[]) => db.select().from(actorRelations).where(inArray(actorRelations.id, [...ids])).all();
export const linksByIds = (db: Db, ids: readonly number[]) => db.select().from(links).where(inArray(links.id, [...ids])).all();
export const aliasesByActors = (db: Db, ids: readonly number[]) =>
  db.select().from(actorAliases).where(inArray(actorAliases.actorId, [...ids])).orderBy(actorAliases.alias).all();
export const identifiersByActors = (db: Db, ids: readonly number[]) =>
  db.select().from(actorIdentifiers).where(inArray(actorIdentifiers.actorId, [...ids])).orderBy(actorIdentifiers.scheme, actorIdentifiers.value).all();
export const codesByActors = (db: Db, ids: readonly number[]) =>
  db.select().from(actorCodes).where(inArray(actorCodes.actorId, [...ids])).orderBy(actorCodes.scheme, actorCodes.value).all();
export const relationsByActors = (db: Db, ids: readonly number[]) =>
  db
    .select()
    .from(actorRelations)
    .where(sql`(${inArray(actorRelations.subjectId, [...ids])} OR ${inArray(actorRelations.objectId, [...ids])}) AND ${actorRelations.retractedAt} IS NULL`)
    .orderBy(actorRelations.id)
    .all();
export const aliasesByPlaces = (db: Db, ids: readonly number[]) =>
  db.select().from(placeAliases).where(inArray(placeAliases.placeId, [...ids])).orderBy(placeAliases.alias).all();
export const childrenOfPlaces = (db: Db, ids: readonly number[]) =>
  db.select().from(places).where(and(inArray(places.parentId, [...ids]), isNull(places.retractedAt))).orderBy(places.name, places.id).all();
export const quotesBySources = (db: Db, ids: readonly number[]) =>
  db.select().from(quotes).where(and(inArray(quotes.sourceId, [...ids]), isNull(quotes.retractedAt))).orderBy(quotes.start, quotes.end, quotes.id).all();
export const participantsByEvents = (db: Db, ids: readonly number[]) =>
  db.select().from(eventParticipants).where(inArray(eventParticipants.eventId, [...ids])).orderBy(eventParticipants.role, eventParticipants.actorId).all();
export const placesByItems = (db: Db, ids: readonly number[]) =>
  db.select().from(itemPlaces).where(inArray(itemPlaces.itemId, [...ids])).orderBy(itemPlaces.placeId).all();
export const identifiersByItems = (db: Db, ids: readonly number[]) =>
  db.select().from(itemIdentifiers).where(inArray(itemIdentifiers.itemId, [...ids])).orderBy(itemIdentifiers.scheme, itemIdentifiers.value).all();
export const gdeltByItems = (db: Db, ids: readonly number[]) => db.select().from(gdeltCodings).where(inArray(gdeltCodings.itemId, [...ids])).all();
/** A standing record a text names: an actor or place by name (else alias), an item of a type by the start of its summary. */
export function recordNamed(db: Db, kind: 'actor' | 'place' | ItemType, text: string): number | null {
  const sqlite = db.$client;
  const row =
    kind === 'actor' || kind === 'place'
      ? sqlite
          .prepare(
            `SELECT id FROM ${kind}s WHERE retracted_at IS NULL AND (name = @text OR id IN (SELECT ${kind}_id FROM ${kind}_aliases WHERE alias = @text)) ORDER BY name = @text DESC, id LIMIT 1`,
          )
          .get({ text })
      : sqlite.prepare('SELECT id FROM items WHERE type = @kind AND retracted_at IS NULL AND substr(summary, 1, length(@text)) = @text ORDER BY id LIMIT 1').get({ kind, text });
  return (row as { id: number } | undefined)?.id ?? null;
}

/** The item a data set's key names, if any. */
export const itemByIdentifier = (db: Db, scheme: string, value: string): number | null =>
  db.select({ id: itemIdentifiers.itemId }).from(itemIdentifiers).where(and(eq(itemIdentifiers.scheme, scheme), eq(itemIdentifiers.value, value))).get()?.id ?? null;
export const acledByItems = (db: Db, ids: readonly number[]) => db.select().from(acledCodings).where(inArray(acledCodings.itemId, [...ids])).all();
export const quantitiesByEvents = (db: Db, ids: readonly number[]) =>
  db.select().from(eventQuantities).where(inArray(eventQuantities.eventId, [...ids])).orderBy(eventQuantities.id).all();
export const accusedByClaims = (db: Db, ids: readonly number[]) =>
  db.select().from(claimAccused).where(inArray(claimAccused.claimId, [...ids])).orderBy(claimAccused.actorId).all();
export const reviewsByClaims = (db: Db, ids: readonly number[]) =>
  db.select().from(claimReviews).where(inArray(claimReviews.claimId, [...ids])).orderBy(claimReviews.publishedEarliest, claimReviews.id).all();
export const linksFromItems = (db: Db, ids: readonly number[]) =>
  db.select().from(links).where(and(inArray(links.fromItemId, [...ids]), isNull(links.retractedAt))).orderBy(links.id).all();
export const linksToItems = (db: Db, ids: readonly number[]) =>
  db.select().from(links).where(and(inArray(links.toItemId, [...ids]), isNull(links.retractedAt))).orderBy(links.id).all();
export const citationsByItems = (db: Db, ids: readonly number[]) =>
  db.select().from(citations).where(inArray(citations.itemId, [...ids])).orderBy(citations.id).all();
export const citationsByRelations = (db: Db, ids: readonly number[]) =>
  db.select().from(citations).where(inArray(citations.relationId, [...ids])).orderBy(citations.id).all();
export const citationsByQuotes = (db: Db, ids: readonly number[]) =>
  db.select().from(citations).where(inArray(citations.quoteId, [...ids])).orderBy(citations.id).all();


/** One keyset page over a table: `select` names the row's columns, `key` the sort columns. */
function pageRows<T>(db: Db, select: SQL, where: SQL[], key: { columns: SQL[]; of: (row: T) => SortKey }, request: PageRequest, direction: SortDirection): Page<T> {
  const keyset = keysetClauses(key.columns, request, direction);
  const all = [...where, ...keyset.where];
  const rows = db.all<T>(sql`${select}${all.length ? sql` WHERE ${sql.join(all, sql` AND `)}` : sql``} ${keyset.orderBy}`);
  return finishPage(request, rows, key.of);
}

function countRows(db: Db, from: SQL, where: SQL[]): number {
  return db.get<{ n: number }>(sql`SELECT count(*) AS n FROM ${from}${where.length ? sql` WHERE ${sql.join(where, sql` AND `)}` : sql``}`)!.n;
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
const ACTOR_SELECT = sql`SELECT id, name, kind, country, description, created_at AS createdAt, retracted_at AS retractedAt, retraction_reason AS retractionReason FROM actors`;
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
const PLACE_SELECT = sql`SELECT id, name, kind, country, latitude, longitude, geonames_id AS geonamesId, parent_id AS parentId, created_at AS createdAt, retracted_at AS retractedAt, retraction_reason AS retractionReason FROM places`;
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
const SOURCE_SELECT = sql`SELECT id, title, publisher, url, published_edtf AS publishedEdtf, published_earliest AS publishedEarliest,
  published_latest AS publishedLatest, published_basis AS publishedBasis, language, text, created_at AS createdAt, retracted_at AS retractedAt, retraction_reason AS retractionReason FROM sources`;
export const SOURCE_ORDERS = {
  PUBLISHED: { columns: [sql`published_earliest`, sql`published_latest`, sql`id`], of: (s: SourceRow): SortKey => [s.publishedEarliest, s.publishedLatest, s.id] },
  // Keyset columns must be non-null: untitled sources sort first, as the empty title.
  TITLE: { columns: [sql`coalesce(title, '')`, sql`id`], of: (s: SourceRow): SortKey => [s.title ?? '', s.id] },
};
export const pageSources = (db: Db, f: SourceFilter, order: keyof typeof SOURCE_ORDERS, r: PageRequest, d: SortDirection) =>
  pageRows(db, SOURCE_SELECT, sourceWhere(f), SOURCE_ORDERS[order], r, d);
export const countSources = (db: Db, f: SourceFilter) => countRows(db, sql`sources`, sourceWhere(f));
