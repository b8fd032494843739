import { sql } from 'drizzle-orm';
import { allRows, firstRow } from '../db/statements.ts';
import { idsIn } from '../domain/sql-lists.ts';
import { TYPENAME_OF_ITEM } from '../domain/editing.ts';
import type { QuoteRow } from '../domain/records.ts';
import type { ItemType } from '../db/vocabulary.ts';
import type { Exporter } from './formats.ts';
import { arrayElements, batches, firstSeen, iri, type Batch } from './slice.ts';

// W3C Web Annotation (https://www.w3.org/TR/annotation-model/) JSON-LD for the quotes the items
// cite: one Annotation per quote, targeting its span of the source with both a TextQuoteSelector
// and a TextPositionSelector, linking it to the items it supports and naming its speaker. All of
// them in one AnnotationCollection, its first page embedded.

export const ANNOTATION_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';

/** The annotation of one quote: its span, whose words, and the items it supports. */
function annotation(quote: QuoteRow, batch: Batch, supports: string[]) {
  const source = batch.sourceRows.get(quote.sourceId);
  const speaker = quote.speakerId === null ? null : batch.actorRows.get(quote.speakerId);
  return {
    id: iri('Quote', quote.id),
    type: 'Annotation',
    motivation: 'linking',
    created: quote.createdAt,
    body: [
      { type: 'TextualBody', purpose: 'tagging', value: quote.kind.toLowerCase(), format: 'text/plain' },
      ...(speaker ? [{ type: 'SpecificResource', purpose: 'identifying', source: iri('Actor', speaker.id) }, { type: 'TextualBody', purpose: 'describing', value: `Words of ${speaker.name}`, format: 'text/plain' }] : []),
      ...supports.map((item) => ({ type: 'SpecificResource', purpose: 'linking', source: item })),
    ],
    target: {
      // The source's own URL where it has one; otherwise its claimline IRI (its text is in the API).
      source: source?.url ?? iri('Source', quote.sourceId),
      selector: [
        { type: 'TextQuoteSelector', exact: quote.exact, prefix: quote.prefix, suffix: quote.suffix },
        { type: 'TextPositionSelector', start: quote.start, end: quote.end },
      ],
    },
  };
}

export const webAnnotation: Exporter = {
  contentType: 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"; charset=utf-8',
  extension: 'jsonld',
  description: 'W3C Web Annotation JSON-LD: one annotation per quote the items cite',
  *render(db, filter) {
    yield `{"@context":"${ANNOTATION_CONTEXT}","id":"urn:claimline:annotations","type":"AnnotationCollection","label":"Quotes cited by claimline items","first":{"type":"AnnotationPage","items":[`;
    const first = firstSeen<number>();
    const element = arrayElements();
    for (const batch of batches(db, filter)) {
      const quotes = [...batch.quoteRows.keys()].filter(first);
      // Every standing item each quote supports, in or out of the export's slice: one statement a batch.
      const supports = new Map<number, string[]>(quotes.map((id) => [id, []]));
      const citing = allRows<{ quote: number; item: number; type: ItemType }>(db, sql`SELECT c.quote_id AS quote, i.id AS item, i.type AS type
        FROM citations c JOIN items i ON i.id = c.item_id AND i.retracted_at IS NULL
        WHERE c.quote_id IN (${idsIn(quotes)}) ORDER BY i.date_earliest, i.date_latest, i.id`);
      for (const row of citing) supports.get(row.quote)!.push(iri(TYPENAME_OF_ITEM[row.type], row.item));
      yield quotes.map((id) => element(annotation(batch.quoteRows.get(id)!, batch, supports.get(id)!))).join('');
    }
    yield '\n]}}\n';
  },
};
