// Apollo Federation v2: every Node type is an entity keyed by its global ID, and the Claim and
// TimelineItem interfaces are entity interfaces (Federation 2.3). References resolve through the
// same DataLoaders as `node(id:)`, so a batch of representations costs one statement per type.
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
