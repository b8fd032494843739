import { GraphQLScalarType } from 'graphql';
import SchemaBuilder from '@pothos/core';
import ComplexityPlugin from '@pothos/plugin-complexity';
import DataloaderPlugin from '@pothos/plugin-dataloader';
import DirectivesPlugin from '@pothos/plugin-directives';
import ErrorsPlugin from '@pothos/plugin-errors';
import FederationPlugin from '@pothos/plugin-federation';
import RelayPlugin from '@pothos/plugin-relay';
import { CountryCodeResolver, DateTimeResolver, JSONObjectResolver, LatitudeResolver, LongitudeResolver, URLResolver } from 'graphql-scalars';
import type { Context } from './context.ts';
import { decodeGlobalID } from '../domain/global-id.ts';
import { fieldCost } from './cost.ts';

export const builder = new SchemaBuilder<{
  Context: Context;
  DefaultFieldNullability: false;
  Scalars: {
    DateTime: { Input: Date; Output: Date | string | number };
    URL: { Input: URL; Output: URL | string };
    CountryCode: { Input: string; Output: string };
    Latitude: { Input: number; Output: number };
    Longitude: { Input: number; Output: number };
    JSONObject: { Input: Record<string, unknown>; Output: Record<string, unknown> };
  };
}>({
  plugins: [ErrorsPlugin, RelayPlugin, DataloaderPlugin, DirectivesPlugin, FederationPlugin, ComplexityPlugin],
  // Each field's share of a query's cost (src/graphql/cost.ts); the server checks the total
  // against its limit before running anything (src/server/limits.ts).
  complexity: { fieldComplexity: fieldCost },
  defaultFieldNullability: false,
  errors: {
    // Each mutation returns a payload union: its success type or one of the typed errors.
    defaultResultOptions: { name: ({ fieldName }) => `${fieldName[0]!.toUpperCase()}${fieldName.slice(1)}Success` },
    defaultUnionOptions: { name: ({ fieldName }) => `${fieldName[0]!.toUpperCase()}${fieldName.slice(1)}Payload` },
  },
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    brandLoadedObjects: true,
    nodesOnConnection: { description: 'The nodes of the edges, for clients that need no cursors.' },
    nodeTypeOptions: { description: 'An object with an opaque, globally unique ID: fetch it again with `node(id:)`.' },
    // Every Relay subgraph defines PageInfo the same way: shareable across the supergraph.
    pageInfoTypeOptions: { description: 'Where a page sits in its connection (Relay cursor connections).', shareable: true },
    // node and nodes take `asOf` too: defined in types/node.ts.
    nodeQueryOptions: false,
    nodesQueryOptions: false,
    idFieldOptions: { description: 'Opaque, globally unique ID.' },
    pageInfoFieldOptions: { description: 'Where this page sits in the connection.' },
    edgesFieldOptions: { description: 'The nodes of this page, each with its cursor.' },
    nodeFieldOptions: { description: 'The node of this edge.' },
    cursorFieldOptions: { description: 'An opaque cursor: pass it as `after` or `before` to read on from this node.' },
    hasNextPageFieldOptions: { description: 'Whether more nodes follow this page.' },
    hasPreviousPageFieldOptions: { description: 'Whether more nodes precede this page.' },
    startCursorFieldOptions: { description: 'The cursor of the first node of this page; null when the page is empty.' },
    endCursorFieldOptions: { description: 'The cursor of the last node of this page; null when the page is empty.' },
    firstArgOptions: { description: 'Read the first n nodes after `after` (at most 100; default 20).' },
    lastArgOptions: { description: 'Read the last n nodes before `before` (at most 100).' },
    afterArgOptions: { description: 'A cursor from this connection: read the nodes after it.' },
    beforeArgOptions: { description: 'A cursor from this connection: read the nodes before it.' },
    decodeGlobalID,
  },
});

builder.queryType({ description: 'Reads of the claimline record. Every list that can grow is a Relay connection capped at 100 per page.' });

builder.addScalarType('DateTime', DateTimeResolver, { description: 'An instant in UTC, as an ISO 8601 / RFC 3339 string.' });
// URLs as the source writes them: graphql-scalars checks them, but would also rewrite them
// (dropping a default port such as :443), and a record's URL is a fact kept exactly.
const ExactURL = new GraphQLScalarType({
  ...URLResolver.toConfig(),
  serialize: (value) => (typeof value === 'string' ? (URLResolver.serialize(value), value) : URLResolver.serialize(value)),
  parseValue: (value) => (URLResolver.parseValue(value), value),
  parseLiteral: (ast, variables) => (URLResolver.parseLiteral(ast, variables), (ast as { value?: unknown }).value),
});
builder.addScalarType('URL', ExactURL, { description: 'An absolute URL, exactly as recorded.' });
builder.addScalarType('CountryCode', CountryCodeResolver, { description: 'An ISO 3166-1 alpha-2 country code, e.g. "SY".' });
builder.addScalarType('Latitude', LatitudeResolver, { description: 'A WGS 84 latitude in decimal degrees, -90 to 90.' });
builder.mutationType({ description: 'Edits of the record. Each needs an API key with the `write` scope (`Authorization: Bearer <key>`), runs in one transaction, and is kept in history.' });
builder.subscriptionType({ description: 'Live updates over server-sent events: the timeline items that mutations add or change.' });

builder.addScalarType('JSONObject', JSONObjectResolver, { description: 'A JSON object, e.g. a record\'s stored values in its history.' });
builder.addScalarType('Longitude', LongitudeResolver, { description: 'A WGS 84 longitude in decimal degrees, -180 to 180.' });
