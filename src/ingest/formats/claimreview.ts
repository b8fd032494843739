import type { ActorKind, IdentifierScheme } from '../../db/vocabulary.ts';
import { Fields } from '../fields.ts';
import { parsed, type ImportFormat, type Row } from '../format.ts';
import { jsonRecords, RowError } from '../rows.ts';
import { JsonFields } from './json-fields.ts';

// schema.org ClaimReview in JSON-LD: one review per document, an array of them, a @graph, or
// JSON Lines. In a @graph, its ClaimReview nodes are read, and every node they name by @id
// (`{"@id": "urn:claimline:Actor:7"}`, as claimline's own export writes authors and appearances)
// is read in its place. The reviewed claim becomes a Statement by its author
// (itemReviewed.author), cited to where it appeared (appearance, firstAppearance, the video a clip
// is part of, or the reviewed work itself when it names one); when the data says nowhere, to the
// review, which quotes it. The review, with its rating exactly as given, is attached to it, and
// its URL becomes the claim's CLAIMREVIEW identifier.

const kindOf = (type: unknown): ActorKind =>
  type === 'Person' ? 'PERSON' : type === 'NewsMediaOrganization' ? 'MEDIA' : type === 'Organization' || type === 'GovernmentOrganization' ? 'ORGANIZATION' : 'UNKNOWN';

/** A Wikidata QID in sameAs, and the actor's own web address (url), identify it. */
function identifiersOf(person: JsonFields): { scheme: IdentifierScheme; value: string }[] {
  const sameAs = person.get('sameAs');
  const links = Array.isArray(sameAs) ? sameAs : [sameAs];
  const url = person.text('url');
  return [
    ...links.flatMap((link) => {
      const match = typeof link === 'string' ? link.match(/wikidata\.org\/(?:wiki|entity)\/(Q\d+)$/) : null;
      return match ? [{ scheme: 'WIKIDATA' as const, value: match[1]! }] : [];
    }),
    ...(url ? [{ scheme: 'URL' as const, value: url }] : []),
  ];
}

/**
 * An author (of the claim or of the review) as an actor: by name, or, when the data gives none
 * (the two schema.org examples name PolitiFact and danbri only by their pages), by its web
 * address, which then is its name too.
 */
function actorOf(node: Record<string, unknown>, line: number, path: string) {
  const person = new JsonFields(node, line);
  const name = person.text('name') ?? person.text('url');
  if (name === null) throw person.error(path, 'names no one: no name and no url');
  const kind = kindOf(person.get('@type'));
  return { key: person.text('name') === null ? `url:${name}` : `${kind}|${name}`, values: { name, kind, description: person.text('jobTitle') ?? person.text('description'), identifiers: identifiersOf(person) } };
}

const MAX_DEPTH = 6;

/** A node with every {"@id": …} it holds replaced by the graph's node of that id (its own fields winning), cycles cut. */
function resolved(value: unknown, nodes: ReadonlyMap<string, Record<string, unknown>>, seen: ReadonlySet<string> = new Set(), depth = 0): unknown {
  if (Array.isArray(value)) return value.map((v) => resolved(v, nodes, seen, depth));
  if (!value || typeof value !== 'object' || depth > MAX_DEPTH) return value;
  const own = value as Record<string, unknown>;
  const id = typeof own['@id'] === 'string' ? own['@id'] : null;
  const node = id !== null && !seen.has(id) ? nodes.get(id) : undefined;
  const merged = node && node !== own ? { ...node, ...own } : own;
  const within = id === null ? seen : new Set([...seen, id]);
  return Object.fromEntries(Object.entries(merged).map(([k, v]) => [k, resolved(v, nodes, within, depth + 1)]));
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
      const nodes = new Map<string, Record<string, unknown>>();
      for (const node of graph) if (node && typeof node === 'object' && typeof (node as { '@id'?: unknown })['@id'] === 'string') nodes.set((node as { '@id': string })['@id'], node as Record<string, unknown>);
      for (const value of graph) if ((value as { '@type'?: unknown })?.['@type'] === 'ClaimReview') yield { ...record, value: resolved(value, nodes) } as Row;
    }
  },
  parse(row) {
    const f = JsonFields.of(row.value, row.line);
    const type = f.text('@type');
    if (type !== 'ClaimReview') throw f.error('@type', `is ${type === null ? 'missing' : `"${type}"`}, not ClaimReview`);
    const claimed = f.required('claimReviewed');
    const authors = f.objects('itemReviewed.author');
    if (authors.length === 0) throw f.error('itemReviewed.author', 'is missing: claimline records a claim only with the actor who made it');
    const claimant = actorOf(authors[0]!, row.line, 'itemReviewed.author');
    const dates = new Fields([], [], row.line);
    const day = (path: string, value: string | null) => (value === null ? null : dates.date(path, value.trim().slice(0, 10)));
    const reviewDay = f.text('datePublished');
    const reviewDate = day('datePublished', reviewDay);
    const claimDay = f.text('itemReviewed.datePublished');
    // When the data gives no date for the claim, it was made no later than the review.
    const claimDate = claimDay
      ? day('itemReviewed.datePublished', claimDay)!
      : reviewDate
        ? dates.date('datePublished', `/${reviewDay!.trim().slice(0, 10)}`, 'made no later than the review was published; the data gives no date for the claim')
        : null;
    if (claimDate === null) throw f.error('itemReviewed.datePublished', 'is missing, and so is the review’s datePublished');
    const reviewUrl = f.text('url');
    const key = reviewUrl ?? `${claimant.values.name}|${claimed}`;
    // Where the claim appeared: appearance, firstAppearance, the work a clip is part of, or the
    // reviewed work itself when it names one (a named interview); else the review that quotes it.
    const appeared = [...f.objects('appearance'), ...f.objects('firstAppearance'), ...f.objects('itemReviewed.appearance'), ...f.objects('itemReviewed.isPartOf')];
    const reviewedItem = f.objects('itemReviewed')[0] ?? {};
    const named = (node: Record<string, unknown>) => {
      const p = new JsonFields(node, row.line);
      return p.text('url') !== null || p.text('name') !== null || p.text('headline') !== null;
    };
    const places = appeared.filter(named).length ? appeared.filter(named) : named(reviewedItem) ? [reviewedItem] : [];
    const rating = {
      value: f.number('reviewRating.ratingValue'),
      best: f.number('reviewRating.bestRating'),
      worst: f.number('reviewRating.worstRating'),
      label: f.text('reviewRating.alternateName'),
    };
    const body = f.text('reviewBody');
    const reviewerNode = f.objects('author')[0];
    const reviewer = reviewerNode ? actorOf(reviewerNode, row.line, 'author') : null;

    return parsed(key, (writer) => {
      const claimantKey = writer.actor(claimant.key, claimant.values);
      const reviewerKey = reviewer ? writer.actor(reviewer.key, reviewer.values) : null;
      const citations = places.length
        ? places.map((place, i) => {
            const p = new JsonFields(place, row.line);
            return {
              source: writer.source(p.text('url') ?? `${key}#appearance-${i}`, {
                url: p.text('url'),
                title: p.text('name') ?? p.text('headline'),
                publisher: null,
                published: day('datePublished', p.text('datePublished')) ?? claimDate,
              }),
            };
          })
        : [{ source: writer.source(`review:${key}`, { url: reviewUrl, title: f.text('name') ?? f.text('headline'), publisher: reviewer?.values.name ?? null, published: reviewDate ?? claimDate }) }];
      writer.item(`review:${key}`, {
        type: 'STATEMENT',
        summary: claimed,
        date: claimDate,
        claim: { claimant: claimantKey, statementKind: 'ASSERTION' },
        identifiers: reviewUrl ? [{ scheme: 'CLAIMREVIEW', value: reviewUrl }] : [],
        reviews: [
          {
            reviewer: reviewerKey,
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
