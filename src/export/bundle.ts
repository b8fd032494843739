import { sql } from 'drizzle-orm';
import { allRows, firstRow } from '../db/statements.ts';
import { idsIn } from '../domain/sql-lists.ts';
import type { Db } from '../db/client.ts';
import { actorsByIds, aliasesByActors, aliasesByPlaces, citationsByRelations, codesByActors, identifiersByActors, placesByIds, quotesByIds, sourcesByIds, type CitationRow, type QuoteRow, type RelationRow } from '../domain/records.ts';
import type { ItemRow } from '../domain/timeline.ts';
import type { Exporter } from './formats.ts';
import { arrayElements, BATCH_SIZE, batches, groupBy, withoutEmpty, type Batch } from './slice.ts';

// A claimline bundle (seeds/README.md) of the items matching a filter and everything they refer
// to: `claimline seed FILE` or `claimline import --format bundle FILE` loads it into another
// database, record for record. Written section by section, each a pass over the item batches (or
// the records the items named); between passes it keeps only ids. Records are keyed by their
// type and id (actor-7), so loading the same export twice changes nothing; it carries every value
// the importers keep (their keys, GDELT and ACLED codings, actor codes, fact-checks).

const key = (prefix: string, id: number) => `${prefix}-${id}`;
const date = (edtf: string, basis: string | null) => (basis ? { edtf, basis } : edtf);

function citation(c: CitationRow, quote: QuoteRow | undefined) {
  return {
    source: key('source', c.sourceId),
    ...(quote ? { quote: withoutEmpty({ exact: quote.exact, start: quote.start, end: quote.end, kind: quote.kind, speaker: quote.speakerId === null ? null : key('actor', quote.speakerId) }) } : {}),
  };
}

/** What the written records refer to, gathered across passes: the next sections write these. */
interface Referred {
  items: Set<number>;
  actors: Set<number>;
  places: Set<number>;
  sources: Set<number>;
}

function citationsOf(id: number, batch: Batch, referred: Referred) {
  return (batch.citations.get(id) ?? []).map((c) => {
    referred.sources.add(c.sourceId);
    const quote = c.quoteId === null ? undefined : batch.quoteRows.get(c.quoteId);
    if (quote?.speakerId != null) referred.actors.add(quote.speakerId);
    return citation(c, quote);
  });
}

/** What events and claims carry alike: places, the data sets' keys and their codings. */
function extras(item: ItemRow, batch: Batch, referred: Referred) {
  const places = batch.places.get(item.id) ?? [];
  const gdelt = batch.gdelt.get(item.id);
  const acled = batch.acled.get(item.id);
  const geo = (id: number | null | undefined) => (id == null ? null : (referred.places.add(id), key('place', id)));
  for (const id of places) referred.places.add(id);
  const { itemId: _g, actor1GeoId, actor2GeoId, ...gdeltValues } = gdelt ?? ({} as Partial<NonNullable<typeof gdelt>>);
  const { itemId: _a, ...acledValues } = acled ?? {};
  return {
    places: places.map((id) => key('place', id)),
    identifiers: (batch.identifiers.get(item.id) ?? []).map((r) => ({ scheme: r.scheme, value: r.value })),
    gdelt: gdelt ? withoutEmpty({ ...gdeltValues, actor1Geo: geo(actor1GeoId), actor2Geo: geo(actor2GeoId) }) : null,
    acled: acled ? withoutEmpty(acledValues) : null,
  };
}

function event(item: ItemRow, batch: Batch, referred: Referred) {
  const participants = batch.participants.get(item.id) ?? [];
  for (const p of participants) referred.actors.add(p.actorId);
  return withoutEmpty({
    key: key('item', item.id),
    title: item.title,
    summary: item.summary,
    kind: item.eventKind,
    mode: item.mode,
    contexts: JSON.parse(item.contexts ?? '[]') as string[],
    status: item.status,
    date: date(item.dateEdtf, item.dateBasis),
    participants: participants.map((p) => ({ actor: key('actor', p.actorId), role: p.role })),
    ...extras(item, batch, referred),
    quantities: (batch.quantities.get(item.id) ?? []).map((q) => withoutEmpty({ measure: q.measure, value: q.value, unit: q.unit })),
    citations: citationsOf(item.id, batch, referred),
  });
}

function claim(item: ItemRow, batch: Batch, referred: Referred) {
  const accused = batch.accused.get(item.id) ?? [];
  for (const id of [item.claimantId!, item.spokespersonId, ...accused]) if (id !== null) referred.actors.add(id);
  return withoutEmpty({
    key: key('item', item.id),
    type: item.type,
    summary: item.summary,
    date: date(item.dateEdtf, item.dateBasis),
    claimant: key('actor', item.claimantId!),
    spokesperson: item.spokespersonId === null ? null : key('actor', item.spokespersonId),
    accused: accused.map((id) => key('actor', id)),
    stance: item.stance,
    statementKind: item.statementKind,
    reviews: (batch.reviews.get(item.id) ?? []).map((r) => {
      if (r.reviewerId !== null) referred.actors.add(r.reviewerId);
      return withoutEmpty({
        reviewer: r.reviewerId === null ? null : key('actor', r.reviewerId),
        published: date(r.publishedEdtf, r.publishedBasis),
        url: r.url,
        ratingValue: r.ratingValue,
        bestRating: r.bestRating,
        worstRating: r.worstRating,
        ratingLabel: r.ratingLabel,
        body: r.body,
      });
    }),
    ...extras(item, batch, referred),
    citations: citationsOf(item.id, batch, referred),
  });
}

/** Records (or ids) a batch at a time, for the sections written from the records the items named. */
function* chunked<T>(values: readonly T[]): Generator<T[]> {
  for (let i = 0; i < values.length; i += BATCH_SIZE) yield values.slice(i, i + BATCH_SIZE);
}
const ascending = (ids: Iterable<number>) => [...ids].sort((a, b) => a - b);

/** The relations between the actors written, with their citations (whose sources join the export). */
function* relations(db: Db, referred: Referred): Generator<object> {
  const actors = idsIn(referred.actors);
  const rows = allRows<RelationRow>(db, sql`SELECT id, subject_id AS "subjectId", kind, object_id AS "objectId", valid_edtf AS "validEdtf" FROM actor_relations
    WHERE retracted_at IS NULL AND subject_id IN (${actors}) AND object_id IN (${actors}) ORDER BY id`);
  for (const chunk of chunked(rows)) {
    const byRelation = groupBy(citationsByRelations(db, chunk.map((r) => r.id)), (c) => c.relationId!);
    const quotes = new Map(quotesByIds(db, [...byRelation.values()].flat().flatMap((c) => (c.quoteId === null ? [] : [c.quoteId]))).map((q) => [q.id, q]));
    for (const relation of chunk) {
      const citations = (byRelation.get(relation.id) ?? []).map((c) => {
        referred.sources.add(c.sourceId);
        const quote = c.quoteId === null ? undefined : quotes.get(c.quoteId);
        if (quote?.speakerId != null) referred.actors.add(quote.speakerId); // the actors section comes next
        return citation(c, quote);
      });
      yield withoutEmpty({
        subject: key('actor', relation.subjectId),
        kind: relation.kind,
        object: key('actor', relation.objectId),
        valid: relation.validEdtf,
        citations,
      });
    }
  }
}

function* actors(db: Db, referred: Referred): Generator<object> {
  for (const chunk of chunked(ascending(referred.actors))) {
    const aliases = groupBy(aliasesByActors(db, chunk), (a) => a.actorId);
    const identifiers = groupBy(identifiersByActors(db, chunk), (a) => a.actorId);
    const codes = groupBy(codesByActors(db, chunk), (a) => a.actorId);
    for (const a of actorsByIds(db, chunk)) {
      yield withoutEmpty({
        key: key('actor', a.id),
        name: a.name,
        kind: a.kind,
        country: a.country,
        aliases: (aliases.get(a.id) ?? []).map((r) => r.alias),
        identifiers: (identifiers.get(a.id) ?? []).map((r) => ({ scheme: r.scheme, value: r.value })),
        codes: (codes.get(a.id) ?? []).map((r) => ({ scheme: r.scheme, value: r.value })),
        description: a.description,
      });
    }
  }
}

/** The places of the events and every place they lie within (the bundle names parents by key). */
function* places(db: Db, referred: Referred): Generator<object> {
  const all = allRows<{ id: number }>(db, sql`WITH RECURSIVE up(id) AS (${idsIn(referred.places)}
    UNION SELECT p.parent_id FROM places p JOIN up ON p.id = up.id WHERE p.parent_id IS NOT NULL) SELECT id FROM up`);
  for (const chunk of chunked(ascending(all.map((r) => r.id)))) {
    const aliases = groupBy(aliasesByPlaces(db, chunk), (a) => a.placeId);
    for (const p of placesByIds(db, chunk)) {
      yield withoutEmpty({
        key: key('place', p.id),
        name: p.name,
        kind: p.kind,
        country: p.country,
        aliases: (aliases.get(p.id) ?? []).map((r) => r.alias),
        geonamesId: p.geonamesId,
        coordinates: p.latitude === null ? null : { latitude: p.latitude, longitude: p.longitude },
        parent: p.parentId === null ? null : key('place', p.parentId),
      });
    }
  }
}

function* sources(db: Db, referred: Referred): Generator<object> {
  for (const chunk of chunked(ascending(referred.sources))) {
    for (const s of sourcesByIds(db, chunk)) {
      yield withoutEmpty({ key: key('source', s.id), title: s.title, publisher: s.publisher, url: s.url, published: date(s.publishedEdtf, s.publishedBasis), language: s.language, text: s.text });
    }
  }
}

export const bundle: Exporter = {
  contentType: 'application/json; charset=utf-8',
  extension: 'json',
  description: 'a claimline bundle of the items and all they refer to, for `claimline import --format bundle` into another database',
  *render(db, filter) {
    const referred: Referred = { items: new Set(), actors: new Set(), places: new Set(), sources: new Set() };
    yield '{"format":"claimline-bundle","version":3,"namespace":"claimline-export","description":"Exported from claimline: the items matching a filter and everything they refer to."';
    const section = function* (name: string, records: Iterable<object>) {
      yield `,\n"${name}":[`;
      const element = arrayElements();
      for (const record of records) yield element(record);
      yield '\n]';
    };
    const pass = (type: 'EVENT' | 'CLAIM', write: typeof event) =>
      (function* () {
        for (const batch of batches(db, filter)) {
          for (const item of batch.items) {
            if ((item.type === 'EVENT') !== (type === 'EVENT')) continue;
            referred.items.add(item.id);
            yield write(item, batch, referred);
          }
        }
      })();
    yield* section('events', pass('EVENT', event));
    yield* section('claims', pass('CLAIM', claim));
    // Links between items both in the export (the others would point nowhere in it).
    yield* section(
      'links',
      (function* () {
        for (const batch of batches(db, filter)) {
          for (const item of batch.items) {
            for (const l of batch.links.get(item.id) ?? []) if (referred.items.has(l.toItemId)) yield { from: key('item', l.fromItemId), kind: l.kind, to: key('item', l.toItemId) };
          }
        }
      })(),
    );
    yield* section('relations', relations(db, referred));
    yield* section('actors', actors(db, referred));
    yield* section('places', places(db, referred));
    yield* section('sources', sources(db, referred));
    yield '\n}\n';
  },
};
