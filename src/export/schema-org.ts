import type { ItemRow } from '../domain/timeline.ts';
import type { ActorKind } from '../db/vocabulary.ts';
import type { Exporter } from './formats.ts';
import { arrayElements, batches, firstSeen, iri, isoInstant, itemTypename, withoutEmpty, type Batch } from './slice.ts';

// JSON-LD with the schema.org vocabulary: Event, Claim, Person / Organization, Place and
// CreativeWork for sources, in one @graph written as it is read. Records are named by IRIs
// urn:claimline:Type:id. Where schema.org has no exact term, the nearest is used and said here:
// an event's agents are its `organizer`, supporters its `sponsor`, targets and affected its `about`;
// a claim's claimant is its `author`, its spokesperson a `contributor`. Fact-checks are ClaimReviews,
// which `claimline import --format claimreview` reads back.

export const SCHEMA_ORG_CONTEXT = { '@vocab': 'https://schema.org/' };

const ACTOR_TYPES: Record<ActorKind, string> = {
  STATE: 'GovernmentOrganization',
  GOVERNMENT_BODY: 'GovernmentOrganization',
  MILITARY: 'GovernmentOrganization',
  ARMED_GROUP: 'Organization',
  COALITION: 'Organization',
  PERSON: 'Person',
  MEDIA: 'NewsMediaOrganization',
  ORGANIZATION: 'Organization',
  UNKNOWN: 'Organization',
};

const ref = (typename: string, id: number) => ({ '@id': iri(typename, id) });
/** An actor named in place (a ClaimReview's author and claimant are read by name, as fact-checkers publish them). */
const namedActor = (batch: Batch, id: number) => {
  const actor = batch.actorRows.get(id)!;
  return { '@id': iri('Actor', id), '@type': ACTOR_TYPES[actor.kind as ActorKind], name: actor.name };
};

/** The day a date states exactly ("2017-10-10", or a time on it), for schema.org's Date properties; undefined for anything vaguer. */
const exactDay = (edtf: string) => (/^\d{4}-\d{2}-\d{2}(T[^/]*)?$/.test(edtf) ? edtf.slice(0, 10) : undefined);

function itemNode(item: ItemRow, batch: Batch) {
  const citations = batch.citations.get(item.id) ?? [];
  const common = {
    '@id': iri(itemTypename(item), item.id),
    description: item.summary,
    citation: [...new Set(citations.map((c) => c.sourceId))].map((id) => ref('Source', id)),
  };
  if (item.type === 'EVENT') {
    const participants = batch.participants.get(item.id) ?? [];
    const role = (...roles: string[]) => participants.filter((p) => roles.includes(p.role)).map((p) => ref('Actor', p.actorId));
    return withoutEmpty({
      '@type': 'Event',
      ...common,
      name: item.title,
      // The span the date allows, and its EDTF as the source gives it.
      startDate: isoInstant(item.dateEarliest),
      endDate: isoInstant(item.dateLatest),
      temporalCoverage: item.dateEdtf,
      location: (batch.places.get(item.id) ?? []).map((id) => ref('Place', id)),
      organizer: role('AGENT'),
      sponsor: role('SUPPORTER'),
      about: role('TARGET', 'AFFECTED'),
    });
  }
  const about = (batch.links.get(item.id) ?? []).filter((l) => l.kind === 'IS_ABOUT').map((l) => ref(batch.typenames.get(l.toItemId)!, l.toItemId));
  return withoutEmpty({
    '@type': 'Claim',
    ...common,
    genre: item.type.toLowerCase(),
    dateCreated: exactDay(item.dateEdtf),
    temporalCoverage: item.dateEdtf,
    author: ref('Actor', item.claimantId!),
    contributor: item.spokespersonId === null ? undefined : ref('Actor', item.spokespersonId),
    about: [...about, ...(batch.accused.get(item.id) ?? []).map((id) => ref('Actor', id))],
    text: citations.flatMap((c) => (c.quoteId === null ? [] : [batch.quoteRows.get(c.quoteId)!.exact])),
  });
}

/** The fact-checks of a claim, as schema.org ClaimReviews of it: re-importable with `claimline import --format claimreview`. */
function reviewNodes(item: ItemRow, batch: Batch) {
  return (batch.reviews.get(item.id) ?? []).map((r) =>
    withoutEmpty({
      '@id': iri('Review', r.id),
      '@type': 'ClaimReview',
      url: r.url,
      datePublished: exactDay(r.publishedEdtf),
      author: r.reviewerId === null ? undefined : namedActor(batch, r.reviewerId),
      claimReviewed: item.summary,
      reviewBody: r.body,
      reviewRating: withoutEmpty({ '@type': 'Rating', ratingValue: r.ratingValue, bestRating: r.bestRating, worstRating: r.worstRating, alternateName: r.ratingLabel }),
      // Where the claim appeared: the sources it cites, written as nodes of the same graph.
      itemReviewed: withoutEmpty({
        '@id': iri(itemTypename(item), item.id),
        '@type': 'Claim',
        author: namedActor(batch, item.claimantId!),
        datePublished: exactDay(item.dateEdtf),
        appearance: [...new Set((batch.citations.get(item.id) ?? []).map((c) => c.sourceId))].map((id) => ref('Source', id)),
      }),
    }),
  );
}

/** The actors, places and sources a batch refers to that the export has not written yet. */
function referenced(batch: Batch, first: (key: string) => boolean) {
  const nodes: object[] = [];
  for (const a of batch.actorRows.values()) {
    if (!first(`a${a.id}`)) continue;
    nodes.push(
      withoutEmpty({
        '@id': iri('Actor', a.id),
        '@type': ACTOR_TYPES[a.kind as ActorKind],
        name: a.name,
        alternateName: a.aliases,
        description: a.description,
        url: a.urls[0],
        sameAs: a.wikidata.map((q) => `http://www.wikidata.org/entity/${q}`),
      }),
    );
  }
  for (const p of batch.placeRows.values()) {
    if (!first(`p${p.id}`)) continue;
    nodes.push(
      withoutEmpty({
        '@id': iri('Place', p.id),
        '@type': 'Place',
        name: p.name,
        geo: p.latitude === null ? undefined : { '@type': 'GeoCoordinates', latitude: p.latitude, longitude: p.longitude },
        containedInPlace: p.parentId === null ? undefined : ref('Place', p.parentId),
        sameAs: p.geonamesId === null ? undefined : `https://sws.geonames.org/${p.geonamesId}/`,
      }),
    );
  }
  for (const s of batch.sourceRows.values()) {
    if (!first(`s${s.id}`)) continue;
    // Only what the source states: no publisher or URL is made up when it names none.
    nodes.push(withoutEmpty({ '@id': iri('Source', s.id), '@type': 'CreativeWork', name: s.title, publisher: s.publisher, url: s.url, inLanguage: s.language, datePublished: exactDay(s.publishedEdtf) }));
  }
  return nodes;
}

export const schemaOrg: Exporter = {
  contentType: 'application/ld+json; charset=utf-8',
  extension: 'jsonld',
  description: 'JSON-LD with schema.org: Event, Claim, Person/Organization, Place and the sources cited',
  *render(db, filter) {
    yield `{"@context":${JSON.stringify(SCHEMA_ORG_CONTEXT)},"@graph":[`;
    const first = firstSeen<string>();
    const element = arrayElements();
    for (const batch of batches(db, filter)) {
      yield [...referenced(batch, first), ...batch.items.flatMap((item) => [itemNode(item, batch), ...reviewNodes(item, batch)])].map(element).join('');
    }
    yield '\n]}\n';
  },
};
