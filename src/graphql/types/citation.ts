import type { CitationRow } from '../../domain/records.ts';
import { builder } from '../builder.ts';
import { heldOrId, Quote, Source } from '../refs.ts';

export const Citation = builder.objectRef<CitationRow>('Citation').implement({
  description: 'A source, and optionally the exact span of it, that supports a record.',
  fields: (t) => ({
    source: t.field({ type: Source, description: 'The cited source.', resolve: (c) => c.sourceId }),
    quote: t.field({ type: Quote, nullable: true, description: 'The span of the source that supports the record, when one was recorded.', resolve: (c, _, ctx) => heldOrId(ctx, 'Quote', c.quoteId) }),
  }),
});
