import { countSearch, MAX_SEARCH_LENGTH, MAX_SEARCH_TERMS, SEARCH_ORDER, searchPage, toMatchExpression, type SearchHit, type SearchKind } from '../../domain/search.ts';
import type { ArgumentLimits } from '../cost.ts';
import { asOfArg } from './node.ts';
import { builder } from '../builder.ts';
import { countedConnection, requestFor, toConnection } from '../connection.ts';
import { loadNode } from '../refs.ts';

/** The limits of a search's words, checked before the request runs (src/server/limits.ts). */
export const searchLimits = { maxLength: MAX_SEARCH_LENGTH, check: (value: string, field: string[]) => void toMatchExpression(value, field) } satisfies ArgumentLimits;

const SearchableKind = builder.enumType('SearchableKind', {
  description: 'What kinds of record `search` can return.',
  values: {
    ACTOR: { value: 'ACTOR', description: 'Actors, by name and alias.' },
    PLACE: { value: 'PLACE', description: 'Places, by name and alias.' },
    SOURCE: { value: 'SOURCE', description: 'Sources, by title, publisher and full text.' },
    TIMELINE_ITEM: { value: 'TIMELINE_ITEM', description: 'Events and claims, by title and summary.' },
    QUOTE: { value: 'QUOTE', description: 'Quotes, by their exact text.' },
  } as const satisfies Record<SearchKind, unknown>,
});

export const SearchConnection = countedConnection('Node', 'SearchResult', 'search results', 'best match first', (t: any) => ({
  score: t.float({ description: 'The relevance score: lower is better. It orders one answer, and is not comparable across searches or engines: bm25 on SQLite, the negated ts_rank_cd on PostgreSQL.', resolve: (e: { hit: SearchHit }) => e.hit.score }),
  snippet: t.string({ description: 'The matching words in context, marked with [brackets].', resolve: (e: { hit: SearchHit }) => e.hit.snippet }),
}));

builder.queryField('search', (t) =>
  t.connection(
    {
      type: 'Node' as never,
      description: 'Full-text search (SQLite FTS5) over actor and place names and aliases, source titles and texts, event titles, summaries and quote text, ranked by relevance. Every word must match; end a word with * to match it as a prefix.',
      args: {
        query: t.arg.string({ required: true, description: `The words to look for, e.g. "Konashenkov" or "absolutely false" (at most ${MAX_SEARCH_TERMS} words).`, extensions: searchLimits }),
        kinds: t.arg({ type: [SearchableKind], required: false, description: 'Only records of these kinds.' }),
        asOf: asOfArg(t),
      },
      resolve: async (_, args, ctx) => {
        const { request, ordering } = requestFor(args, SEARCH_ORDER, 'ASC', 2);
        const page = searchPage(ctx.db, args.query, args.kinds ?? null, request);
        const nodes = await Promise.all(page.rows.map((hit) => loadNode(ctx, hit.kind, hit.id)));
        const connection = toConnection(page, ordering, () => countSearch(ctx.db, args.query, args.kinds ?? null));
        return {
          ...connection,
          edges: connection.edges.map((edge, i) => ({ node: nodes[i], cursor: edge.cursor, hit: page.rows[i] })),
        } as never;
      },
    },
    SearchConnection as never,
  ),
);

