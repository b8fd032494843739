import type { ActorKind, IdentifierScheme } from '../../db/vocabulary.ts';
import { Fields } from '../fields.ts';
import { parsed, type ImportFormat, type Row } from '../format.ts';
import { jsonRecords, RowError } from '../rows.ts';
import { JsonFields } from './json-fields.ts';

// schema.org ClaimReview in JSON-LD: one review per document, an array of them, a @graph, or
// JSON Lines (in a @graph, only its ClaimReview nodes are read). The reviewed claim becomes a Statement by its author (itemReviewed.author), cited
// to where it appeared; the review, with its rating exactly as given, is attached to it.

const kindOf = (type: unknown): ActorKind => (type === 'Person' ? 'PERSON' : type === 'Organization' || type === 'NewsMediaOrganization' ? 'ORGANIZATION' : 'UNKNOWN');

function wikidataOf(sameAs: unknown): { scheme: IdentifierScheme; value: string }[] {
  const links = Array.isArray(sameAs) ? sameAs : [sameAs];
  return links.flatMap((link) => {
    const match = typeof link === 'string' ? link.match(/wikidata\.org\/(?:wiki|entity)\/(Q\d+)$/) : null;
    return match ? [{ scheme: 'WIKIDATA' as const, value: match[1]! }] : [];
  });
}

export const claimReview: ImportFormat = {
  keyColumn: 'url',
  namespace: 'claimreview',
  description: 'schema.org ClaimReview JSON-LD (one document, an array, a @graph, or JSON Lines)',
  rows: async function* (lines) {
    for await (const record of jsonRecords(lines)) {
      const graph = record.value && typeof record.value === 'object' && !(record.value instanceof RowError) ? (record.value as { '@graph'?: unknown })['@graph'] : undefined;
      // In a @graph, the other nodes describe what the reviews refer to (claimline's own export holds its events, claims and actors).
      if (!Array.isArray(graph)) {
        yield record;
        continue;
      }
      for (const value of graph) if ((value as { '@type'?: unknown })?.['@type'] === 'ClaimReview') yield { ...record, value } as Row;
    }
  },
  parse(row) {
    const f = JsonFields.of(row.value, row.line);
    const type = f.text('@type');
    if (type !== 'ClaimReview') throw f.error('@type', `is ${type === null ? 'missing' : `"${type}"`}, not ClaimReview`);
    const claimed = f.required('claimReviewed');
    const authors = f.objects('itemReviewed.author');
    if (authors.length === 0) throw f.error('itemReviewed.author', 'is missing: claimline records a claim only with the actor who made it');
    const claimant = new JsonFields(authors[0]!, row.line);
    const claimantName = claimant.required('name');
    const dates = new Fields([], [], row.line);
    const reviewDay = f.text('datePublished');
    const reviewDate = reviewDay ? dates.date('datePublished', reviewDay.slice(0, 10)) : null;
    const claimDay = f.text('itemReviewed.datePublished');
    // When the data gives no date for the claim, it was made no later than the review.
    const claimDate = claimDay
      ? dates.date('itemReviewed.datePublished', claimDay.slice(0, 10))
      : reviewDate
        ? dates.date('datePublished', `/${reviewDay!.slice(0, 10)}`, 'made no later than the review was published; the data gives no date for the claim')
        : null;
    if (claimDate === null) throw f.error('itemReviewed.datePublished', 'is missing, and so is the review’s datePublished');
    const reviewUrl = f.text('url');
    const key = reviewUrl ?? `${claimantName}|${claimed}`;
    // Where the claim appeared: appearance, firstAppearance, or the reviewed item itself (a Clip is part of a video).
    const appearances = [...f.objects('appearance'), ...f.objects('firstAppearance'), ...f.objects('itemReviewed.isPartOf')];
    const reviewedItem = f.objects('itemReviewed')[0] ?? {};
    const places = appearances.length ? appearances : [reviewedItem];
    const rating = {
      value: f.number('reviewRating.ratingValue'),
      best: f.number('reviewRating.bestRating'),
      worst: f.number('reviewRating.worstRating'),
      label: f.text('reviewRating.alternateName'),
    };
    const body = f.text('reviewBody');
    const reviewer = f.objects('author')[0];
    const reviewerName = reviewer ? new JsonFields(reviewer, row.line).text('name') : null;

    return parsed(key, (writer) => {
      const claimantKey = writer.actor(`${kindOf(claimant.get('@type'))}|${claimantName}`, {
        name: claimantName,
        kind: kindOf(claimant.get('@type')),
        description: claimant.text('jobTitle'),
        identifiers: wikidataOf(claimant.get('sameAs')),
      });
      const citations = places.map((place, i) => {
        const p = new JsonFields(place, row.line);
        const day = p.text('datePublished');
        return {
          source: writer.source(p.text('url') ?? `${key}#appearance-${i}`, {
            url: p.text('url'),
            title: p.text('name') ?? p.text('headline'),
            publisher: null,
            published: day ? dates.date('datePublished', day.slice(0, 10)) : claimDate,
          }),
        };
      });
      writer.item(`review:${key}`, {
        type: 'STATEMENT',
        summary: claimed,
        date: claimDate,
        claim: { claimant: claimantKey, statementKind: 'ASSERTION' },
        reviews: [
          {
            reviewer: reviewerName ? writer.actor(`${kindOf(reviewer!['@type'])}|${reviewerName}`, { name: reviewerName, kind: kindOf(reviewer!['@type']) }) : null,
            url: reviewUrl,
            published: reviewDate ?? claimDate,
            ratingValue: rating.value,
            bestRating: rating.best,
            worstRating: rating.worst,
            ratingLabel: rating.label,
            body,
          },
        ],
        citations,
      });
    });
  },
};
