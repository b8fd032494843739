import { countSources, pageSources, SOURCE_ORDERS } from '../../domain/records.ts';
import { historyField, retractionField } from './history.ts';
import { asOfArg } from './node.ts';
import { builder } from '../builder.ts';
import { countedConnection, requestFor, toConnection } from '../connection.ts';
import { sourceQuotes } from '../loaders.ts';
import { Source } from '../refs.ts';
import { SortDirection } from './enums.ts';
import { FuzzyDate } from './fuzzy-date.ts';
import { itemConnectionField, TimelineItemConnection } from './timeline-item.ts';
import * as editing from '../../domain/editing.ts';
import { derivedInput } from '../inputs.ts';
import { recordMutation } from '../mutation.ts';

Source.implement({
  description: 'A document the record draws on: an article, a statement, a report. Every event and claim cites at least one.',
  fields: (t) => ({
    history: historyField(t, (s) => `source:${s.id}`),
    retraction: retractionField(t),
    title: t.exposeString('title', { nullable: true, description: 'The title or headline, as published; null when the source does not give one (a GDELT URL, an ACLED source note).' }),
    publisher: t.exposeString('publisher', {
      nullable: true,
      description: 'Who published it; null when the source does not say (claimline never guesses one).',
    }),
    url: t.field({ type: 'URL', nullable: true, description: 'Where it was published, when known.', resolve: (s) => s.url }),
    publishedAt: t.field({
      type: FuzzyDate,
      description: 'When it was published, as exactly as known. Relative dates in the text ("on Monday") are resolved against it.',
      resolve: (s) => ({ edtf: s.publishedEdtf, earliest: s.publishedEarliest, latest: s.publishedLatest, basis: s.publishedBasis }),
    }),
    language: t.exposeString('language', { nullable: true, description: 'The BCP 47 language tag of the text, e.g. "en".' }),
    text: t.exposeString('text', {
      nullable: true,
      description: 'The full text as stored, when claimline holds it. Quote offsets index into this string (UTF-16 code units, as JavaScript strings).',
    }),
    length: t.int({ nullable: true, description: 'The length of `text` in UTF-16 code units.', resolve: (s) => s.text?.length ?? null }),
    quotes: t.field({ type: ['Quote'] as never, description: 'Every recorded span of this source, in text order.', resolve: (s, _, ctx) => sourceQuotes(ctx).load(s.id) as never }),
    citedBy: itemConnectionField(t, TimelineItemConnection, {
      description: 'Timeline items that cite this source, in date order.',
      filter: (id) => ({ sourceIds: [id] }),
    }),
  }),
});

export const SourceConnection = countedConnection(Source, 'Source', 'sources', 'by publication date unless ordered otherwise');

const SourceOrderField = builder.enumType('SourceOrderField', {
  description: 'What sources can be sorted by.',
  values: {
    PUBLISHED: { value: 'PUBLISHED', description: 'By publication date (earliest, then latest), then id.' },
    TITLE: { value: 'TITLE', description: 'By title, then id.' },
  } as const,
});
const SourceOrder = builder.inputType('SourceOrder', {
  description: 'How to sort sources.',
  fields: (t) => ({
    field: t.field({ type: SourceOrderField, defaultValue: 'PUBLISHED', description: 'The sort key.' }),
    direction: t.field({ type: SortDirection, defaultValue: 'ASC', description: 'The direction.' }),
  }),
});
const SourceFilter = builder.inputType('SourceFilter', {
  description: 'Which sources to list.',
  fields: (t) => ({
    languages: t.stringList({ required: false, description: 'Only sources in these languages (BCP 47 tags).' }),
    publishers: t.stringList({ required: false, description: 'Only sources from these publishers.' }),
  }),
});

builder.queryField('sources', (t) =>
  t.connection(
    {
      type: Source,
      description: 'All sources, by publication date.',
      args: {
        filter: t.arg({ type: SourceFilter, required: false, description: 'Which sources.' }),
        asOf: asOfArg(t),
        orderBy: t.arg({ type: SourceOrder, required: false, description: 'The order (default: by publication date, ascending).' }),
      },
      resolve: (_, args, ctx) => {
        const direction = args.orderBy?.direction ?? 'ASC';
        const field = args.orderBy?.field ?? 'PUBLISHED';
        const { request, ordering } = requestFor(args, `source-${field}`, direction, SOURCE_ORDERS[field].columns.length);
        const filter = { languages: args.filter?.languages ?? undefined, publishers: args.filter?.publishers ?? undefined };
        return toConnection(pageSources(ctx.db, filter, field, request, direction), ordering, () => countSources(ctx.db, filter));
      },
    },
    SourceConnection,
  ),
);

const SourceCreateInput = derivedInput('SourceCreateInput', 'A new source.', editing.sourceCreateInput, {
  // A whole article may be long: the request's body limit bounds it.
  text: { maxLength: Number.MAX_SAFE_INTEGER },
});
recordMutation('sourceCreate', { description: 'Records a source, with its full text when held.', input: SourceCreateInput, dataField: 'source', type: Source, edit: editing.sourceCreate });
