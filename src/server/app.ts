import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { createYoga } from 'graphql-yoga';
import type { Db } from '../db/client.ts';
import { typedInputErrors } from '../graphql/errors.ts';
import { schema } from '../graphql/schema.ts';
import { asOfReads } from './as-of.ts';
import { Editor } from './editor.ts';
import { exportRoute } from './export.ts';
import { CSRF_HEADER, exampleTabs, graphiqlAssets, renderGraphiQL } from './graphiql.ts';

export interface AppOptions {
  db: Db;
}

/** Builds the GraphQL app over a database. It never listens: the HTTP entry (or a test) owns that. */
export function createApp({ db }: AppOptions) {
  const tabs = exampleTabs();
  const editor = new Editor(db);
  return createYoga({
    schema,
    context: ({ request }) => ({ db, editor, authorization: request.headers.get('authorization') }),
    graphqlEndpoint: '/graphql',
    landingPage: false,
    // CSRF: a browser may not send a simple (unpreflighted) request; JSON bodies and requests
    // carrying the header (GraphiQL sends it) pass.
    plugins: [useCSRFPrevention({ requestHeaders: [CSRF_HEADER] }), typedInputErrors(), asOfReads(editor), graphiqlAssets(), exportRoute(db)],
    renderGraphiQL,
    graphiql: {
      title: 'claimline',
      defaultQuery: tabs[0]?.query ?? '',
      defaultTabs: tabs,
      additionalHeaders: { [CSRF_HEADER]: 'graphiql' },
    },
  });
}

export type App = ReturnType<typeof createApp>;
