import { getTableColumns, sql } from 'drizzle-orm';
import { allRows, firstRow } from '../db/statements.ts';
import { idsIn } from '../domain/sql-lists.ts';
import { sources } from '../db/schema.ts';
import type { Db } from '../db/client.ts';
import type { ItemType } from '../db/vocabulary.ts';
import { boundDate } from '../domain/fuzzy-date.ts';
import { TYPENAME_OF_ITEM } from '../domain/editing.ts';
import {
  accusedByClaims,
  actorsByIds,
  aliasesByActors,
  citationsByItems,
  codesByActors,
  identifiersByActors,
  linksFromItems,
  participantsByEvents,
  placesByItems,
  identifiersByItems,
  gdeltByItems,
  acledByItems,
  placesByIds,
  quantitiesByEvents,
  quotesByIds,
  reviewsByClaims,
  type AcledRow,
  type ActorRow,
  type GdeltRow,
  type ItemIdentifierRow,
  type CitationRow,
  type LinkRow,
  type ParticipantRow,
  type PlaceRow,
  type QuantityRow,
  type QuoteRow,
  type ReviewRow,
  type SourceRow,
} from '../domain/records.ts';
import { sameAsGroups } from '../domain/same-as.ts';
import { itemKey, pageItems, type ItemRow, type TimelineFilter } from '../domain/timeline.ts';

// Exports read the slice of the record a filter selects, a batch of items at a time in timeline
// order (a keyset page each), with what those items refer to loaded in one statement per kind
// of record: memory holds one batch, however large the export.

export const BATCH_SIZE = 500;


/** Rows grouped by a key, in their order. */
export const groupBy = <R, K>(rows: R[], key: (row: R) => K) => {
  const groups = new Map<K, R[]>();
  for (const row of rows) {
    const group = groups.get(key(row));
    if (group) group.push(row);
    else groups.set(key(row), [row]);
  }
  return groups;
};
const byId = <R extends { id: number }>(rows: R[]) => new Map(rows.map((r) => [r.id, r]));

const { text: _text, ...SOURCE_COLUMNS } = getTableColumns(sources);
const SOURCE_FIELDS = sql.raw(Object.entries(SOURCE_COLUMNS).map(([field, column]) => `${column.name} AS "${field}"`).join(', '));
const sourcesWithoutText = (db: Db, ids: number[]) => allRows<Omit<typeof sources.$inferSelect, 'text'>>(db, sql`SELECT ${SOURCE_FIELDS} FROM sources WHERE id IN (${idsIn(ids)})`);

/** The items matching a filter, in timeline order, a batch at a time (each loads what it refers to when asked). */
export function* batches(db: Db, filter: TimelineFilter, size = BATCH_SIZE): Generator<Batch> {
  let after: (string | number)[] | null = null;
  for (;;) {
    const page = pageItems(db, filter, { limit: size, backward: false, after, before: null });
    if (page.rows.length) yield new Batch(db, page.rows, filter.resolvedEvents ?? false);
    if (!page.hasNextPage) return;
    after = itemKey(page.rows.at(-1)!);
  }
}

/**
 * One batch of items and the records they refer to, each kind loaded in one statement the first
 * time a format asks for it: a CSV of items reads no citations, a GraphML export no quotes.
 */
export class Batch {
  readonly #db: Db;
  readonly #ids: number[];
  readonly #resolved: boolean;
  readonly #loaded = new Map<string, unknown>();
  /**
   * `resolved`: the items stand for their same-as groups (a filter with resolve: RESOLVED), so
   * each cites, and is keyed in the data sets by, what every record of its group is.
   */
  constructor(
    db: Db,
    readonly items: ItemRow[],
    resolved = false,
  ) {
    this.#db = db;
    this.#ids = items.map((i) => i.id);
    this.#resolved = resolved;
  }

  #once<T>(name: string, load: () => T): T {
    if (!this.#loaded.has(name)) this.#loaded.set(name, load());
    return this.#loaded.get(name) as T;
  }

  /** The other records standing same-as decisions make each event of the batch one with, in id order. */
  get sameAs(): Map<number, number[]> {
    return this.#once('sameAs', () => sameAsGroups(this.#db, 'EVENT', this.items.filter((i) => i.type === 'EVENT').map((i) => i.id)));
  }
  /** The item of the batch each record's citations and keys count for: its own, and read resolved, its group's records' too. */
  get #standsFor(): Map<number, number> {
    return this.#once('standsFor', () => new Map([...this.#ids.map((id) => [id, id] as const), ...(this.#resolved ? [...this.sameAs].flatMap(([id, others]) => others.map((other) => [other, id] as const)) : [])]));
  }
  get #citationRows() {
    return this.#once('citationRows', () => citationsByItems(this.#db, [...this.#standsFor.keys()]));
  }
  get #participantRows() {
    return this.#once('participantRows', () => participantsByEvents(this.#db, this.#ids));
  }
  get #placeRows() {
    return this.#once('placeRows', () => placesByItems(this.#db, this.#ids));
  }
  get #accusedRows() {
    return this.#once('accusedRows', () => accusedByClaims(this.#db, this.#ids));
  }
  get #linkRows() {
    return this.#once('linkRows', () => linksFromItems(this.#db, this.#ids));
  }
  get #reviewRows() {
    return this.#once('reviewRows', () => reviewsByClaims(this.#db, this.#ids));
  }

  get citations(): Map<number, CitationRow[]> {
    return this.#once('citations', () => groupBy(this.#citationRows, (c) => this.#standsFor.get(c.itemId!)!));
  }
  get participants(): Map<number, ParticipantRow[]> {
    return this.#once('participants', () => groupBy(this.#participantRows, (p) => p.eventId));
  }
  /** Each item's place ids. */
  get places(): Map<number, number[]> {
    return this.#once('places', () => new Map([...groupBy(this.#placeRows, (p) => p.itemId)].map(([id, rows]) => [id, rows.map((r) => r.placeId)])));
  }
  /** Each item's keys in the data sets it came from. */
  get identifiers(): Map<number, ItemIdentifierRow[]> {
    return this.#once('identifiers', () => groupBy(identifiersByItems(this.#db, [...this.#standsFor.keys()]), (r) => this.#standsFor.get(r.itemId)!));
  }
  get gdelt(): Map<number, GdeltRow> {
    return this.#once('gdelt', () => new Map(gdeltByItems(this.#db, this.#ids).map((r) => [r.itemId, r])));
  }
  get acled(): Map<number, AcledRow> {
    return this.#once('acled', () => new Map(acledByItems(this.#db, this.#ids).map((r) => [r.itemId, r])));
  }
  /** Each accusation's accused actor ids. */
  get accused(): Map<number, number[]> {
    return this.#once('accused', () => new Map([...groupBy(this.#accusedRows, (a) => a.claimId)].map(([id, rows]) => [id, rows.map((r) => r.actorId)])));
  }
  get links(): Map<number, LinkRow[]> {
    return this.#once('links', () => groupBy(this.#linkRows, (l) => l.fromItemId));
  }
  get quantities(): Map<number, QuantityRow[]> {
    return this.#once('quantities', () => groupBy(quantitiesByEvents(this.#db, this.#ids), (q) => q.eventId));
  }
  get reviews(): Map<number, ReviewRow[]> {
    return this.#once('reviews', () => groupBy(this.#reviewRows, (r) => r.claimId));
  }
  /** The GraphQL type name of every item of the batch and of every item its links point to. */
  get typenames(): Map<number, string> {
    return this.#once('typenames', () => {
      const typenames = new Map(this.items.map((i) => [i.id, itemTypename(i)]));
      const targets = this.#linkRows.map((l) => l.toItemId).filter((id) => !typenames.has(id));
      for (const [id, typename] of itemTypenames(this.#db, targets)) typenames.set(id, typename);
      return typenames;
    });
  }
  get quoteRows(): Map<number, QuoteRow> {
    return this.#once('quoteRows', () => byId(quotesByIds(this.#db, [...new Set(this.#citationRows.flatMap((c) => (c.quoteId === null ? [] : [c.quoteId])))])));
  }
  get placeRows(): Map<number, PlaceRow> {
    return this.#once('placeRecords', () => byId(placesByIds(this.#db, [...new Set([...this.#placeRows.map((p) => p.placeId), ...[...this.gdelt.values()].flatMap((g) => [g.actor1GeoId, g.actor2GeoId]).filter((id) => id !== null)])])));
  }
  /** The sources cited, without their text (no export writes it; it can be large). */
  get sourceRows(): Map<number, Omit<SourceRow, 'text'>> {
    return this.#once('sourceRows', () => byId(sourcesWithoutText(this.#db, [...new Set(this.#citationRows.map((c) => c.sourceId))])));
  }
  /** Every actor the items involve (claimants, spokespeople, accused, participants, speakers of quotes, fact-checkers), with aliases and Wikidata QIDs. */
  get actorRows(): Map<number, ActorRow & { aliases: string[]; wikidata: string[]; urls: string[]; codes: string[] }> {
    return this.#once('actorRows', () => {
      const ids = [
        ...new Set([
          ...this.items.flatMap((i) => [i.claimantId, i.spokespersonId]),
          ...this.#participantRows.map((p) => p.actorId),
          ...this.#accusedRows.map((a) => a.actorId),
          ...[...this.quoteRows.values()].map((q) => q.speakerId),
          ...this.#reviewRows.map((r) => r.reviewerId),
        ]),
      ].filter((id): id is number => id !== null);
      const aliases = groupBy(aliasesByActors(this.#db, ids), (a) => a.actorId);
      const identifiers = groupBy(identifiersByActors(this.#db, ids), (a) => a.actorId);
      const codes = groupBy(codesByActors(this.#db, ids), (a) => a.actorId);
      return new Map(
        actorsByIds(this.#db, ids).map((a) => [
          a.id,
          {
            ...a,
            aliases: (aliases.get(a.id) ?? []).map((r) => r.alias),
            wikidata: (identifiers.get(a.id) ?? []).filter((r) => r.scheme === 'WIKIDATA').map((r) => r.value),
            urls: (identifiers.get(a.id) ?? []).filter((r) => r.scheme === 'URL').map((r) => r.value),
            codes: (codes.get(a.id) ?? []).map((r) => `${r.scheme}:${r.value}`),
          },
        ]),
      );
    });
  }
}

/** The GraphQL type name of each of these items, in one statement. */
export function itemTypenames(db: Db, ids: readonly number[]): Map<number, string> {
  const rows = allRows<{ id: number; type: ItemType }>(db, sql`SELECT id, type FROM items WHERE id IN (${idsIn(new Set(ids))})`);
  return new Map(rows.map((row) => [row.id, TYPENAME_OF_ITEM[row.type]]));
}

export const itemTypename = (item: ItemRow) => TYPENAME_OF_ITEM[item.type];

/** A record's IRI in linked-data exports: urn:claimline:Type:id (its global ID is this, less the prefix, in base64). */
export const iri = (typename: string, id: number) => `urn:claimline:${typename}:${id}`;

/** A stored instant as ISO 8601, or null for an open end. */
export const isoInstant = (ms: number) => boundDate(ms)?.toISOString() ?? null;

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

/** A record without its empty fields (null, undefined, empty lists), as JSON formats want them left out. */
export const withoutEmpty = <T extends object>(node: T) =>
  Object.fromEntries(Object.entries(node).filter(([, v]) => v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0)));

/** Text escaped for XML and HTML alike (element content and quoted attributes). */
export const escapeMarkup = (text: string) => text.replace(/[&<>"']/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": '#39' }[c]};`);
