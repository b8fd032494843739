import SchemaBuilder from '@pothos/core';
import DataloaderPlugin from '@pothos/plugin-dataloader';
import RelayPlugin from '@pothos/plugin-relay';
import { CountryCodeResolver, DateTimeResolver, LatitudeResolver, LongitudeResolver, URLResolver } from 'graphql-scalars';
import type { Context } from './context.ts';

export const builder = new SchemaBuilder<{
  Context: Context;
  DefaultFieldNullability: false;
  Scalars: {
    DateTime: { Input: Date; Output: Date | string | number };
    URL: { Input: URL; Output: URL | string };
    CountryCode: { Input: string; Output: string };
    Latitude: { Input: number; Output: number };
    Longitude: { Input: number; Output: number };
  };
}>({
  plugins: [RelayPlugin, DataloaderPlugin],
  defaultFieldNullability: false,
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    brandLoadedObjects: true,
    nodesOnConnection: { description: 'The nodes of the edges, for clients that need no cursors.' },
    nodeTypeOptions: { description: 'An object with an opaque, globally unique ID: fetch it again with `node(id:)`.' },
    pageInfoTypeOptions: { description: 'Where a page sits in its connection (Relay cursor connections).' },
    nodeQueryOptions: { description: 'Fetches any object by its global ID; null when no such object exists.' },
    nodesQueryOptions: { description: 'Fetches objects by their global IDs, in order; null for each that does not exist.' },
    idFieldOptions: { description: 'Opaque, globally unique ID.' },
  },
});

builder.queryType({ description: 'Reads of the claimline record. Every list that can grow is a Relay connection capped at 100 per page.' });

builder.addScalarType('DateTime', DateTimeResolver, { description: 'An instant in UTC, as an ISO 8601 / RFC 3339 string.' });
builder.addScalarType('URL', URLResolver, { description: 'An absolute URL.' });
builder.addScalarType('CountryCode', CountryCodeResolver, { description: 'An ISO 3166-1 alpha-2 country code, e.g. "SY".' });
builder.addScalarType('Latitude', LatitudeResolver, { description: 'A WGS 84 latitude in decimal degrees, -90 to 90.' });
builder.addScalarType('Longitude', LongitudeResolver, { description: 'A WGS 84 longitude in decimal degrees, -180 to 180.' });
