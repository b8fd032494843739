import { quoteMatchesSource } from '../../domain/quote-anchor.ts';
import type { ClaimRow } from '../../domain/timeline.ts';
import { CLAIM_TYPES, type ClaimType } from '../../db/vocabulary.ts';
import { historyField, retractionField } from './history.ts';
import type { Context } from '../context.ts';
import { quoteCitations } from '../loaders.ts';
import { Actor, Claim, heldOrId, Quote, Source, TimelineItem } from '../refs.ts';
import { QuoteKind } from './enums.ts';
import * as editing from '../../domain/editing.ts';
import { derivedInput } from '../inputs.ts';
import { recordMutation } from '../mutation.ts';

/** The timeline items that cite a quote, each once. */
async function itemsCiting(quoteId: number, ctx: Context): Promise<number[]> {
  return [...new Set((await quoteCitations(ctx).load(quoteId)).flatMap((c) => (c.itemId === null ? [] : [c.itemId])))];
}

Quote.implement({
  description:
    'An exact span of a source’s text, with its speaker: both W3C Web Annotation selectors, position (start, end; end-exclusive) and quote (exact, prefix, suffix). A span whose text no longer matches its source is flagged, never silently re-anchored.',
  fields: (t) => ({
    history: historyField(t, (q) => `quote:${q.id}`),
    retraction: retractionField(t),
    text: t.exposeString('exact', { description: 'The exact text of the span (TextQuoteSelector.exact).' }),
    start: t.exposeInt('start', { description: 'Offset of the first character in the source text (TextPositionSelector.start; UTF-16 code units).' }),
    end: t.exposeInt('end', { description: 'Offset just past the last character (TextPositionSelector.end; end-exclusive).' }),
    prefix: t.exposeString('prefix', { description: 'Up to 32 characters of the source just before the span (TextQuoteSelector.prefix).' }),
    suffix: t.exposeString('suffix', { description: 'Up to 32 characters of the source just after the span (TextQuoteSelector.suffix).' }),
    kind: t.field({ type: QuoteKind, description: 'Whose words these are: the speaker’s own, reported, or the source’s narration.', resolve: (q) => q.kind as never }),
    speaker: t.field({ type: Actor, nullable: true, description: 'Whose words these are; null for narration, the source’s own words.', resolve: (q, _, ctx) => heldOrId(ctx, 'Actor', q.speakerId) }),
    source: t.field({ type: Source, description: 'The source the span is taken from.', resolve: (q) => q.sourceId }),
    matchesSource: t.boolean({
      description: 'Whether `start`..`end` of the source text is still exactly `text`. False flags a quote to re-check by hand.',
      resolve: async (q, _, ctx) => quoteMatchesSource((await Source.getDataloader(ctx).load(q.sourceId))?.text ?? null, q),
    }),
    supports: t.field({
      type: [TimelineItem],
      description: 'The timeline items this span supports (the claims it carries, the events it reports).',
      resolve: (q, _, ctx) => itemsCiting(q.id, ctx),
    }),
    claims: t.field({
      type: [Claim],
      description: 'The claims this span carries.',
      resolve: async (q, _, ctx) => {
        const rows = await TimelineItem.getDataloader(ctx).loadMany(await itemsCiting(q.id, ctx));
        return rows.filter((row): row is ClaimRow => !(row instanceof Error) && row !== null && CLAIM_TYPES.includes(row.type as ClaimType));
      },
    }),
  }),
});

const QuoteCreateInput = derivedInput(
  'QuoteCreateInput',
  'A span of a source’s text, by offsets (start, end; end-exclusive) or by exact text (with prefix or suffix when it occurs more than once). The server stores both selectors.',
  editing.quoteCreateInput,
);
recordMutation('quoteCreate', { description: 'Anchors a quote in a source’s text; refuses text that does not match, and ambiguous exact text.', input: QuoteCreateInput, dataField: 'quote', type: Quote, edit: editing.quoteCreate });
