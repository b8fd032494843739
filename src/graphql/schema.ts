// Builds the schema: the type modules register themselves with the builder when imported.
import './types/enums.ts';
import './types/fuzzy-date.ts';
import './types/citation.ts';
import './types/timeline-item.ts';
import './types/event.ts';
import './types/claim.ts';
import './types/actor.ts';
import './types/place.ts';
import './types/source.ts';
import './types/quote.ts';
import './types/search.ts';
import './types/matching.ts';
import './types/same-as.ts';
import './types/research.ts';
import './types/node.ts';
import './types/errors.ts';
import './types/history.ts';
import './types/bundle.ts';
import './types/subscriptions.ts';
import { guardEntities } from './federation.ts';
import { assertValidSchema, isObjectType } from 'graphql';
import { globalId, NODE_TYPES } from '../domain/global-id.ts';
import { builder } from './builder.ts';

/** The API schema, served as an Apollo Federation v2 subgraph (with `_service` and `_entities`). */
export const schema = builder.toSubGraphSchema({ linkUrl: 'https://specs.apollo.dev/federation/v2.6', sortSchema: true });
guardEntities(schema);
// Every node type's `id` is its row's key as a global ID. Pothos's relay plugin resolves it
// through an async function (two promises for each object of an answer, a thousand for a page
// of 50 items); it is resolved here as the same ID, at once.
for (const name of NODE_TYPES) {
  const type = schema.getType(name);
  if (!isObjectType(type)) throw new Error(`the node type ${name} is missing from the schema`);
  type.getFields().id!.resolve = (row: { id: number }) => globalId(name, row.id);
}
// Fail at start-up, not on the first request, if the schema is not valid GraphQL.
assertValidSchema(schema);
