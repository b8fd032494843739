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
import './types/research.ts';
import './types/node.ts';
import './types/errors.ts';
import './types/history.ts';
import './types/bundle.ts';
import './types/subscriptions.ts';
import { guardEntities } from './federation.ts';
import { assertValidSchema } from 'graphql';
import { builder } from './builder.ts';

/** The API schema, served as an Apollo Federation v2 subgraph (with `_service` and `_entities`). */
export const schema = builder.toSubGraphSchema({ linkUrl: 'https://specs.apollo.dev/federation/v2.6', sortSchema: true });
guardEntities(schema);
// Fail at start-up, not on the first request, if the schema is not valid GraphQL.
assertValidSchema(schema);
