import { createYoga } from 'graphql-yoga';
import type { Db } from '../db/client.ts';
import { typedInputErrors } from '../graphql/errors.ts';
import { schema } from '../graphql/schema.ts';
import { exampleTabs, graphiqlAssets, renderGraphiQL } from './graphiql.ts';

export interface AppOptions {
  db: Db;
}

/** Builds the GraphQL app over a database. It never listens: the HTTP entry (or a test) owns that. */
export function createApp({ db }: AppOptions) {
  const tabs = exampleTabs();
  return createYoga({
    schema,
    context: () => ({ db }),
    graphqlEndpoint: '/graphql',
    landingPage: false,
    plugins: [typedInputErrors(), graphiqlAssets()],
    renderGraphiQL,
    graphiql: {
      title: 'claimline',
      defaultQuery: tabs[0]?.query ?? '',
      defaultTabs: tabs,
    },
  });
}

export type App = ReturnType<typeof createApp>;
