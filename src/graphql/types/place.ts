import { countPlaces, pagePlaces, placeKey, PLACE_ORDER } from '../../domain/records.ts';
import { historyField, retractionField } from './history.ts';
import { asOfArg } from './node.ts';
import { builder } from '../builder.ts';
import { countedConnection, requestFor, toConnection } from '../connection.ts';
import { placeAliases, placeChildren } from '../loaders.ts';
import { Place } from '../refs.ts';
import { PlaceKind, SortDirection } from './enums.ts';
import { EventConnection, itemConnectionField } from './timeline-item.ts';
import * as editing from '../../domain/editing.ts';
import { derivedInput } from '../inputs.ts';
import { recordMutation } from '../mutation.ts';

const Coordinates = builder.objectRef<{ latitude: number; longitude: number }>('Coordinates').implement({
  description: 'A point in WGS 84.',
  fields: (t) => ({
    latitude: t.field({ type: 'Latitude', description: 'Decimal degrees north.', resolve: (c) => c.latitude }),
    longitude: t.field({ type: 'Longitude', description: 'Decimal degrees east.', resolve: (c) => c.longitude }),
  }),
});

Place.implement({
  description: 'A named location: a country, province, region, city or site, inside a parent place.',
  fields: (t) => ({
    history: historyField(t, (p) => `place:${p.id}`),
    retraction: retractionField(t),
    name: t.exposeString('name', { description: 'The name claimline uses for the place.' }),
    kind: t.field({ type: PlaceKind, description: 'What kind of place.', resolve: (p) => p.kind as never }),
    country: t.field({ type: 'CountryCode', nullable: true, description: 'The country it lies in.', resolve: (p) => p.country }),
    aliases: t.stringList({ description: 'Other names the sources use, e.g. "Deir Ezzor".', resolve: async (p, _, ctx) => (await placeAliases(ctx).load(p.id)).map((a) => a.alias) }),
    coordinates: t.field({
      type: Coordinates,
      nullable: true,
      description: 'A representative point, when known (null rather than guessed).',
      resolve: (p) => (p.latitude === null || p.longitude === null ? null : { latitude: p.latitude, longitude: p.longitude }),
    }),
    geonamesId: t.int({ nullable: true, description: 'The GeoNames feature id, when known.', resolve: (p) => p.geonamesId }),
    parent: t.field({ type: Place, nullable: true, description: 'The place it lies in.', resolve: (p) => p.parentId }),
    children: t.field({ type: [Place], description: 'Places directly inside it, by name.', resolve: (p, _, ctx) => placeChildren(ctx).load(p.id) }),
    events: itemConnectionField(t, EventConnection, {
      description: 'Events at this place or any place inside it, in date order.',
      filter: (id) => ({ types: ['EVENT'], placeIds: [id] }),
    }),
  }),
});

export const PlaceConnection = countedConnection(Place, 'Place', 'places', 'by name');

const PlaceFilter = builder.inputType('PlaceFilter', {
  description: 'Which places to list. Fields combine with AND; values within a field with OR.',
  fields: (t) => ({
    kinds: t.field({ type: [PlaceKind], required: false, description: 'Only places of these kinds.' }),
    countries: t.field({ type: ['CountryCode'], required: false, description: 'Only places in these countries.' }),
    parent: t.globalID({ for: Place, required: false, description: 'Only places directly inside this one.' }),
  }),
});
const PlaceOrder = builder.inputType('PlaceOrder', {
  description: 'How to sort places: by name, then id.',
  fields: (t) => ({ direction: t.field({ type: SortDirection, defaultValue: 'ASC', description: 'The direction.' }) }),
});

builder.queryField('places', (t) =>
  t.connection(
    {
      type: Place,
      description: 'All places, by name.',
      args: {
        filter: t.arg({ type: PlaceFilter, required: false, description: 'Which places.' }),
        asOf: asOfArg(t),
        orderBy: t.arg({ type: PlaceOrder, required: false, description: 'The order (default: by name, ascending).' }),
      },
      resolve: (_, args, ctx) => {
        const direction = args.orderBy?.direction ?? 'ASC';
        const { request, ordering } = requestFor(args, PLACE_ORDER, direction, placeKey.columns.length);
        const filter = {
          kinds: args.filter?.kinds ?? undefined,
          countries: args.filter?.countries ?? undefined,
          parentId: args.filter?.parent?.id,
        };
        return toConnection(pagePlaces(ctx.db, filter, request, direction), ordering, () => countPlaces(ctx.db, filter));
      },
    },
    PlaceConnection,
  ),
);

const PlaceCreateInput = derivedInput('PlaceCreateInput', 'A new place.', editing.placeCreateInput);
recordMutation('placeCreate', { description: 'Records a place.', input: PlaceCreateInput, dataField: 'place', type: Place, edit: editing.placeCreate });
