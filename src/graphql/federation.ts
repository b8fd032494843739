// Apollo Federation v2: every Node type is an entity keyed by its global ID, and the Claim and
// TimelineItem interfaces are entity interfaces (Federation 2.3). References resolve through the
// same DataLoaders as `node(id:)`, so a batch of representations costs one statement per type.
import { isInterfaceType, isObjectType, type GraphQLSchema } from 'graphql';
import { InputError } from '../domain/errors.ts';
import { builder } from './builder.ts';
import { decodeGlobalID, parseKey } from '../domain/global-id.ts';
import { Accusation, Actor, ActorRelation, Claim, Event, Link, Place, Quote, Rebuttal, Source, Statement, TimelineItem } from './refs.ts';
import type { Context } from './context.ts';

const key = builder.selection<{ id: string }>('id');

/** Loads the entity a representation names, or null when its ID is of another type or of nothing. */
function reference<T>(loader: { getDataloader: (ctx: Context) => { load: (key: number) => Promise<T | null> } }, typenames: readonly string[]) {
  return async ({ id }: { id: string }, ctx: Context): Promise<T | null> => {
    const { typename, id: raw } = decodeGlobalID(id);
    return typenames.includes(typename) ? loader.getDataloader(ctx).load(parseKey(raw)) : null;
  };
}

builder.asEntity(Actor, { key, resolveReference: reference(Actor as never, ['Actor']) as never });
builder.asEntity(Place, { key, resolveReference: reference(Place as never, ['Place']) as never });
builder.asEntity(Source, { key, resolveReference: reference(Source as never, ['Source']) as never });
builder.asEntity(Quote, { key, resolveReference: reference(Quote as never, ['Quote']) as never });
builder.asEntity(ActorRelation, { key, resolveReference: reference(ActorRelation as never, ['ActorRelation']) as never });
builder.asEntity(Link, { key, resolveReference: reference(Link as never, ['Link']) as never });
builder.asEntity(Event, { key, resolveReference: reference(Event as never, ['Event']) as never });
builder.asEntity(Accusation, { key, resolveReference: reference(Accusation as never, ['Accusation']) as never });
builder.asEntity(Rebuttal, { key, resolveReference: reference(Rebuttal as never, ['Rebuttal']) as never });
builder.asEntity(Statement, { key, resolveReference: reference(Statement as never, ['Statement']) as never });
builder.asEntity(Claim, { key, resolveReference: reference(Claim as never, ['Accusation', 'Rebuttal', 'Statement']) as never });
builder.asEntity(TimelineItem, { key, resolveReference: reference(TimelineItem as never, ['Event', 'Accusation', 'Rebuttal', 'Statement']) as never });

/**
 * Checks the representations a gateway sends before @apollo/subgraph reads them: each must name
 * an entity type of this schema and carry its key, a string `id`. A malformed one is the
 * client's mistake, named by its index, rather than a fault inside the subgraph library.
 */
export function checkRepresentations(schema: GraphQLSchema, representations: unknown): void {
  if (!Array.isArray(representations)) return;
  representations.forEach((representation, i) => {
    const at = ['representations', i];
    if (typeof representation !== 'object' || representation === null || Array.isArray(representation)) throw new InputError(at, 'must be an object with __typename and id');
    const { __typename: typename, id } = representation as Record<string, unknown>;
    const type = typeof typename === 'string' ? schema.getType(typename) : undefined;
    if (!type || !(isObjectType(type) || isInterfaceType(type)) || !('id' in type.getFields())) {
      throw new InputError([...at, '__typename'], `must name an entity type of this subgraph (such as "Actor" or "Event"); got ${JSON.stringify(typename ?? null)}`);
    }
    if (typeof id !== 'string') throw new InputError([...at, 'id'], `must be the entity's global ID, a string; got ${JSON.stringify(id ?? null)?.slice(0, 40)}`);
  });
}

/** Wraps `_entities` so that every representation is checked before it is resolved, and bounds how many one call may send. */
export function guardEntities(schema: GraphQLSchema): void {
  const field = schema.getQueryType()?.getFields()._entities;
  const resolve = field?.resolve;
  if (!field || !resolve) return;
  // A gateway resolves a page's references in one call: up to ten pages of them.
  const representations = field.args.find((a) => a.name === 'representations');
  if (representations) (representations as { extensions: object }).extensions = { ...representations.extensions, maxItems: 1_000 };
  field.resolve = (source, args, ctx, info) => {
    checkRepresentations(schema, (args as { representations?: unknown }).representations);
    return resolve(source, args, ctx, info);
  };
}
