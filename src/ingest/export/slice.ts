import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { ItemType } from '../../domain/vocabulary.ts';
import { OPEN_END, OPEN_START } from '../../domain/fuzzy-date.ts';
import { TYPENAME_OF_ITEM } from '../../domain/editing.ts';
import {
  accusedByClaims,
  actorsByIds,
  aliasesByActors,
  citationsByItems,
  identifiersByActors,
  linksFromItems,
  participantsByEvents,
  placesByEvents,
  placesByIds,
  quotesByIds,
  reviewsByClaims,
  sourcesByIds,
  type ActorRow,
  type CitationRow,
  type LinkRow,
  type ParticipantRow,
  type PlaceRow,
  type QuoteRow,
  type ReviewRow,
  type SourceRow,
} from '../../domain/records.ts';
import { itemKey, pageItems, type ItemRow, type TimelineFilter } from '../../domain/timeline.ts';

// Exports read the slice of the record a filter selects, a batch of items at a time in timeline
// order (a keyset page each), with everything those items refer to loaded in one statement per
// kind of record: memory holds one batch, however large the export.

export const BATCH_SIZE = 500;

/** One batch of items and the records they refer to. */
export interface Batch {
  items: ItemRow[];
  citations: Map<number, CitationRow[]>;
  participants: Map<number, ParticipantRow[]>;
  places: Map<number, number[]>;
  accused: Map<number, number[]>;
  links: Map<number, LinkRow[]>;
  reviews: Map<number, ReviewRow[]>;
  /** The GraphQL type name of every item of the batch and of every item its links point to. */
  typenames: Map<number, string>;
  actorRows: Map<number, ActorRow & { aliases: string[]; wikidata: string[] }>;
  placeRows: Map<number, PlaceRow>;
  sourceRows: Map<number, SourceRow>;
  quoteRows: Map<number, QuoteRow>;
}

const groupBy = <R, K>(rows: R[], key: (row: R) => K) => {
  const groups = new Map<K, R[]>();
  for (const row of rows) {
    const group = groups.get(key(row));
    if (group) group.push(row);
    else groups.set(key(row), [row]);
  }
  return groups;
};
const byId = <R extends { id: number }>(rows: R[]) => new Map(rows.map((r) => [r.id, r]));

/** The items matching a filter, in timeline order, a batch at a time, each with what it refers to. */
export function* batches(db: Db, filter: TimelineFilter, size = BATCH_SIZE): Generator<Batch> {
  let after: (string | number)[] | null = null;
  for (;;) {
    const page = pageItems(db, filter, { limit: size, backward: false, after, before: null });
    if (page.rows.length) yield withRecords(db, page.rows);
    if (!page.hasNextPage) return;
    after = itemKey(page.rows.at(-1)!);
  }
}

function withRecords(db: Db, items: ItemRow[]): Batch {
  const ids = items.map((i) => i.id);
  const citations = citationsByItems(db, ids);
  const participants = participantsByEvents(db, ids);
  const eventPlaces = placesByEvents(db, ids);
  const accused = accusedByClaims(db, ids);
  const actorIds = [
    ...new Set([
      ...items.flatMap((i) => [i.claimantId, i.spokespersonId].filter((a): a is number => a !== null)),
      ...participants.map((p) => p.actorId),
      ...accused.map((a) => a.actorId),
    ]),
  ];
  const quoteRows = byId(quotesByIds(db, [...new Set(citations.flatMap((c) => (c.quoteId === null ? [] : [c.quoteId])))]));
  for (const q of quoteRows.values()) if (q.speakerId !== null && !actorIds.includes(q.speakerId)) actorIds.push(q.speakerId);
  const links = linksFromItems(db, ids);
  const typenames = new Map(items.map((i) => [i.id, itemTypename(i)]));
  for (const [id, typename] of itemTypenames(db, links.map((l) => l.toItemId).filter((id) => !typenames.has(id)))) typenames.set(id, typename);
  const reviews = reviewsByClaims(db, ids);
  for (const r of reviews) if (r.reviewerId !== null && !actorIds.includes(r.reviewerId)) actorIds.push(r.reviewerId);
  const aliases = groupBy(aliasesByActors(db, actorIds), (a) => a.actorId);
  const identifiers = groupBy(identifiersByActors(db, actorIds), (a) => a.actorId);
  return {
    items,
    citations: groupBy(citations, (c) => c.itemId!),
    participants: groupBy(participants, (p) => p.eventId),
    places: new Map([...groupBy(eventPlaces, (p) => p.eventId)].map(([id, rows]) => [id, rows.map((r) => r.placeId)])),
    accused: new Map([...groupBy(accused, (a) => a.claimId)].map(([id, rows]) => [id, rows.map((r) => r.actorId)])),
    links: groupBy(links, (l) => l.fromItemId),
    reviews: groupBy(reviews, (r) => r.claimId),
    typenames,
    actorRows: new Map(
      actorsByIds(db, actorIds).map((a) => [
        a.id,
        {
          ...a,
          aliases: (aliases.get(a.id) ?? []).map((r) => r.alias),
          wikidata: (identifiers.get(a.id) ?? []).filter((r) => r.scheme === 'WIKIDATA').map((r) => r.value),
        },
      ]),
    ),
    placeRows: byId(placesByIds(db, [...new Set(eventPlaces.map((p) => p.placeId))])),
    sourceRows: byId(sourcesByIds(db, [...new Set(citations.map((c) => c.sourceId))])),
    quoteRows,
  };
}

/** The GraphQL type name of each of these items, in one statement. */
export function itemTypenames(db: Db, ids: readonly number[]): Map<number, string> {
  const rows = db.all<{ id: number; type: ItemType }>(sql`SELECT id, type FROM items WHERE id IN (SELECT value FROM json_each(${JSON.stringify([...new Set(ids)])}))`);
  return new Map(rows.map((row) => [row.id, TYPENAME_OF_ITEM[row.type]]));
}

/** A record's global ID ("Actor:7" in base64), as the API issues it. */
export const globalId = (typename: string, id: number) => Buffer.from(`${typename}:${id}`).toString('base64');
export const itemTypename = (item: ItemRow) => TYPENAME_OF_ITEM[item.type];

/** A record's IRI in linked-data exports: urn:claimline:Type:id (its global ID is this, less the prefix, in base64). */
export const iri = (typename: string, id: number) => `urn:claimline:${typename}:${id}`;

/** A stored instant as ISO 8601, or null for an open end. */
export const isoInstant = (ms: number) => (ms === OPEN_START || ms === OPEN_END ? null : new Date(ms).toISOString());

/** Yields each record once across batches (an export's actors, places, sources, quotes), remembering only ids. */
export function firstSeen<T>() {
  const seen = new Set<T>();
  return (key: T) => (seen.has(key) ? false : (seen.add(key), true));
}

/** Writes JSON values as the elements of one array that spans batches: a comma before all but the first. */
export function arrayElements() {
  let first = true;
  return (value: unknown) => `${first ? ((first = false), '') : ','}\n${JSON.stringify(value)}`;
}
