// References to the loadable types, declared before any is implemented so that the type modules
// can refer to each other freely. Each ref carries its batch loader: a field that returns an id
// of one of these types is resolved through one statement per type and request.
import { actorsByIds, linksByIds, placesByIds, quotesByIds, relationsByIds, sourcesByIds, type ActorRow, type LinkRow, type PlaceRow, type QuoteRow, type RelationRow, type SourceRow } from '../domain/records.ts';
import { sameAsByIds, type SameAsRow } from '../domain/same-as.ts';
import { isLean, itemsByIds, type ClaimRow, type ItemColumns, type ItemRow } from '../domain/timeline.ts';
import type { Loaded } from './loaders.ts';
import { TYPENAME_OF_ITEM } from '../domain/editing.ts';
import { CLAIM_TYPES, type ItemType } from '../db/vocabulary.ts';
import { brandWithType, createContextCache } from '@pothos/core';
import type { Db } from '../db/client.ts';
import type { Context } from './context.ts';
import { builder } from './builder.ts';
import { parseKey } from '../domain/global-id.ts';

const idOption = { resolve: (row: { id: number }) => row.id, parse: parseKey };
const byId = (row: { id: number }) => row.id;

export const Actor = builder.loadableNodeRef<ActorRow, number, number>('Actor', { id: idOption, sort: byId, load: async (ids: number[], ctx): Promise<ActorRow[]> => actorsByIds(ctx.db, ids) });
export const Place = builder.loadableNodeRef<PlaceRow, number, number>('Place', { id: idOption, sort: byId, load: async (ids: number[], ctx): Promise<PlaceRow[]> => placesByIds(ctx.db, ids) });
export const Source = builder.loadableNodeRef<SourceRow, number, number>('Source', { id: idOption, sort: byId, load: async (ids: number[], ctx): Promise<SourceRow[]> => sourcesByIds(ctx.db, ids) });
export const ActorRelation = builder.loadableNodeRef<RelationRow, number, number>('ActorRelation', { id: idOption, sort: byId, load: async (ids: number[], ctx): Promise<RelationRow[]> => relationsByIds(ctx.db, ids) });
export const Link = builder.loadableNodeRef<LinkRow, number, number>('Link', { id: idOption, sort: byId, load: async (ids: number[], ctx): Promise<LinkRow[]> => linksByIds(ctx.db, ids) });
export const Quote = builder.loadableNodeRef<QuoteRow, number, number>('Quote', { id: idOption, sort: byId, load: async (ids: number[], ctx): Promise<QuoteRow[]> => quotesByIds(ctx.db, ids) });
export const SameAs = builder.loadableNodeRef<SameAsRow, number, number>('SameAs', { id: idOption, sort: byId, load: async (ids: number[], ctx): Promise<SameAsRow[]> => sameAsByIds(ctx.db, ids) });

/** Items of the given types: an id of another type loads as null, like an unknown id. */
const itemsOf = <T extends ItemRow>(db: Db, ids: readonly number[], types: readonly ItemType[]) =>
  itemsByIds(db, ids).filter((row): row is T => types.includes(row.type));

export const Event = builder.loadableNodeRef<ItemRow, number, number>('Event', { id: idOption, sort: byId, load: async (ids: number[], ctx): Promise<ItemRow[]> => itemsOf(ctx.db, ids, ['EVENT']) });
export const Accusation = builder.loadableNodeRef<ClaimRow, number, number>('Accusation', { id: idOption, sort: byId, load: async (ids: number[], ctx) => itemsOf<ClaimRow>(ctx.db, ids, ['ACCUSATION']) });
export const Rebuttal = builder.loadableNodeRef<ClaimRow, number, number>('Rebuttal', { id: idOption, sort: byId, load: async (ids: number[], ctx) => itemsOf<ClaimRow>(ctx.db, ids, ['REBUTTAL']) });
export const Statement = builder.loadableNodeRef<ClaimRow, number, number>('Statement', { id: idOption, sort: byId, load: async (ids: number[], ctx) => itemsOf<ClaimRow>(ctx.db, ids, ['STATEMENT']) });

export const TimelineItem = builder.loadableInterfaceRef<ItemRow, number>('TimelineItem', {
  load: async (ids: number[], ctx): Promise<ItemRow[]> => itemsByIds(ctx.db, ids),
  sort: (row) => row.id,
});
export const Claim = builder.loadableInterfaceRef<ClaimRow, number>('Claim', {
  load: async (ids: number[], ctx) => itemsOf<ClaimRow>(ctx.db, ids, CLAIM_TYPES),
  sort: (row) => row.id,
});

/** The GraphQL type of each item type (one table, shared with the editing service). */
export const TYPE_NAMES = TYPENAME_OF_ITEM;

const LOADABLE = { ACTOR: Actor, PLACE: Place, SOURCE: Source, QUOTE: Quote, TIMELINE_ITEM: TimelineItem } as const;
const NODE_TYPE_OF = { ACTOR: 'Actor', PLACE: 'Place', SOURCE: 'Source', QUOTE: 'Quote' } as const;
export type LoadableKind = keyof typeof LOADABLE;

/**
 * Loads a record through the batched loader of its kind, branded with its GraphQL type so that a
 * field of type Node resolves it (search hits, path steps); null when it does not exist.
 */
export async function loadNode(ctx: Context, kind: LoadableKind, id: number): Promise<object | null> {
  const row = (await LOADABLE[kind].getDataloader(ctx).load(id)) as (object & { type?: ItemType }) | null;
  if (row) brandWithType(row, (kind === 'TIMELINE_ITEM' ? TYPE_NAMES[row.type!] : NODE_TYPE_OF[kind]) as never);
  return row;
}

/** The rows of the types a page fetches with itself (src/graphql/page-graph.ts). */
interface HeldRows {
  Actor: ActorRow;
  Quote: QuoteRow;
  TimelineItem: ItemRow;
}
const FETCH_HELD: { [K in keyof HeldRows]: (db: Db, ids: readonly number[], columns: ItemColumns) => HeldRows[K][] } = {
  Actor: actorsByIds,
  Quote: quotesByIds,
  TimelineItem: itemsByIds,
};
const HELD_REFS = { Actor, Quote, TimelineItem };
const heldRows = createContextCache((): { [K in keyof HeldRows]: Map<number, HeldRows[K]> } => ({ Actor: new Map(), Quote: new Map(), TimelineItem: new Map() }));

/** Fetches these records now, in one statement, for the fields that resolve them by id (items with these columns). */
export function holdRows<K extends keyof HeldRows>(ctx: Context, kind: K, ids: Iterable<number | null>, columns: ItemColumns = 'all'): void {
  const held = heldRows(ctx)[kind] as Map<number, HeldRows[K]>;
  const missing = [...new Set(ids)].filter((id): id is number => id !== null && !held.has(id));
  if (missing.length === 0) return;
  // The type's loader learns whole rows too (a deeper field that asks by id finds them cached);
  // lean ones stay with the fields the page planned them for.
  holdFetched(ctx, kind, FETCH_HELD[kind](ctx.db, missing, columns), columns);
}

/** Holds records read with another statement (src/graphql/page-graph.ts), as holdRows does; a record held already stays as it is. */
export function holdFetched<K extends keyof HeldRows>(ctx: Context, kind: K, rows: readonly HeldRows[K][], columns: ItemColumns = 'all'): void {
  const held = heldRows(ctx)[kind] as Map<number, HeldRows[K]>;
  const loader = columns === 'all' ? (HELD_REFS[kind].getDataloader(ctx) as { prime(id: number, row: HeldRows[K]): unknown }) : null;
  for (const row of rows) if (!held.has(row.id)) (held.set(row.id, row), loader?.prime(row.id, row));
}

/**
 * What a field of a loadable type returns for an id: the row when the request already holds it
 * (no loader, no promise), else the id, which the type's batched loader resolves.
 */
export function heldOrId<K extends keyof HeldRows>(ctx: Context, kind: K, id: number): HeldRows[K] | number;
export function heldOrId<K extends keyof HeldRows>(ctx: Context, kind: K, id: number | null): HeldRows[K] | number | null;
export function heldOrId<K extends keyof HeldRows>(ctx: Context, kind: K, id: number | null): HeldRows[K] | number | null {
  return id === null ? null : ((heldRows(ctx)[kind] as Map<number, HeldRows[K]>).get(id) ?? id);
}

/**
 * An item's row with all its columns: the row itself, or for a lean row (held for a page's link
 * ends) the whole row, through the items' batched loader (which only ever holds whole rows).
 */
export const fullItem = <T extends ItemRow>(row: T, ctx: Context): Loaded<T> => (isLean(row) ? (TimelineItem.getDataloader(ctx).load(row.id) as Promise<T>) : row);

/** The row the request holds, or undefined. */
export const heldRow = <K extends keyof HeldRows>(ctx: Context, kind: K, id: number): HeldRows[K] | undefined => (heldRows(ctx)[kind] as Map<number, HeldRows[K]>).get(id);
