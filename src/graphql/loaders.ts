import { createContextCache } from '@pothos/core';
import DataLoader from 'dataloader';
import type { Db } from '../db/client.ts';
import { threadsOf } from '../domain/graph.ts';
import type { Page } from '../domain/pagination.ts';
import {
  accusedByClaims,
  aliasesByActors,
  aliasesByPlaces,
  codesByActors,
  childrenOfPlaces,
  citationsByItems,
  citationsByQuotes,
  citationsByRelations,
  identifiersByActors,
  linksFromItems,
  linksToItems,
  participantsByEvents,
  placesByItems,
  identifiersByItems,
  gdeltByItems,
  acledByItems,
  quantitiesByEvents,
  quotesBySources,
  relationsByActors,
  reviewsByClaims,
} from '../domain/records.ts';
import { decisionsOf, membersOf, sameAsGroups } from '../domain/same-as.ts';
import type { SameAsKind } from '../db/vocabulary.ts';
import { countItemsByParent, pageItemsByParent, type ItemRow, type TimelineFilter } from '../domain/timeline.ts';
import type { PageRequest } from '../domain/pagination.ts';
import type { SortDirection } from '../db/vocabulary.ts';
import type { Context } from './context.ts';

/** A value, or the promise of it: a loader answers at once with what the request already holds. */
export type Loaded<T> = T | Promise<T>;

/** `fn` of a loaded value, without a promise (and its turn of the event loop) when it is at hand. */
export const whenLoaded = <T, U>(value: Loaded<T>, fn: (value: T) => Loaded<U>): Loaded<U> => (value instanceof Promise ? value.then(fn) : fn(value));

/**
 * A per-request loader of the rows that belong to each parent id (an actor's aliases, an event's
 * participants): one statement per batch, however many parents the page holds. A page can also
 * `fill` it for all of its parents at once (src/graphql/page-graph.ts): those parents' rows then
 * load without a promise.
 */
class RowsByParent<R> {
  readonly #known = new Map<number, R[]>();
  readonly #loader: DataLoader<number, R[]>;
  constructor(
    private readonly fetch: (ids: readonly number[]) => R[],
    private readonly parentsOf: (row: R) => (number | null)[],
  ) {
    this.#loader = new DataLoader(async (ids) => {
      const found = this.group(ids, fetch(ids));
      return ids.map((id) => found.get(id)!);
    });
  }

  /** The rows of each of these parents, from all of their rows. */
  private group(ids: readonly number[], rows: readonly R[]): Map<number, R[]> {
    const byParent = new Map<number, R[]>(ids.map((id) => [id, []]));
    for (const row of rows) {
      const parents = this.parentsOf(row);
      parents.forEach((parent, i) => {
        // A row under one parent twice (an actor related to itself) is listed once.
        if (parent !== null && parents.indexOf(parent) === i) byParent.get(parent)?.push(row);
      });
    }
    return byParent;
  }

  load(id: number): Loaded<R[]> {
    return this.#known.get(id) ?? this.#loader.load(id);
  }

  loadMany(ids: readonly number[]) {
    return this.#loader.loadMany(ids);
  }

  /** Fetches the rows of these parents now, in one statement (`fetch`, for those not known yet: by default the loader's own); returns every row of them. */
  fill(ids: readonly number[], fetch: (missing: readonly number[]) => R[] = this.fetch): R[] {
    const missing = [...new Set(ids)].filter((id) => !this.#known.has(id));
    if (missing.length) for (const [id, rows] of this.group(missing, fetch(missing))) this.#known.set(id, rows);
    return ids.flatMap((id) => this.#known.get(id) ?? []);
  }
}

function grouped<R>(fetch: (db: Db, ids: readonly number[]) => R[], parentsOf: (row: R) => (number | null)[]) {
  return createContextCache((ctx: Context) => new RowsByParent<R>((ids) => fetch(ctx.db, ids), parentsOf));
}

export const actorAliases = grouped(aliasesByActors, (r) => [r.actorId]);
export const actorIdentifiers = grouped(identifiersByActors, (r) => [r.actorId]);
export const actorCodes = grouped(codesByActors, (r) => [r.actorId]);
export const actorRelations = grouped(relationsByActors, (r) => [r.subjectId, r.objectId]);
export const placeAliases = grouped(aliasesByPlaces, (r) => [r.placeId]);
export const placeChildren = grouped(childrenOfPlaces, (r) => [r.parentId]);
export const sourceQuotes = grouped(quotesBySources, (r) => [r.sourceId]);
export const eventParticipants = grouped(participantsByEvents, (r) => [r.eventId]);
export const itemPlaces = grouped(placesByItems, (r) => [r.itemId]);
export const itemIdentifiers = grouped(identifiersByItems, (r) => [r.itemId]);
export const itemGdelt = grouped(gdeltByItems, (r) => [r.itemId]);
export const itemAcled = grouped(acledByItems, (r) => [r.itemId]);
export const eventQuantities = grouped(quantitiesByEvents, (r) => [r.eventId]);
export const claimAccused = grouped(accusedByClaims, (r) => [r.claimId]);
export const claimReviews = grouped(reviewsByClaims, (r) => [r.claimId]);
export const actorDecisions = grouped((db, ids) => decisionsOf(db, 'ACTOR', ids), (r) => [r.record]);
export const eventDecisions = grouped((db, ids) => decisionsOf(db, 'EVENT', ids), (r) => [r.record]);
export const decisionMembers = grouped(membersOf, (r) => [r.sameAsId]);
export const linksFrom = grouped(linksFromItems, (r) => [r.fromItemId]);
export const linksTo = grouped(linksToItems, (r) => [r.toItemId]);
export const itemCitations = grouped(citationsByItems, (r) => [r.itemId]);
export const relationCitations = grouped(citationsByRelations, (r) => [r.relationId]);
export const quoteCitations = grouped(citationsByQuotes, (r) => [r.quoteId]);

/** The records each actor or event is one with, through standing same-as decisions: one statement per batch. */
const sameAsLoader = (kind: SameAsKind) =>
  createContextCache((ctx: Context) => new DataLoader<number, number[]>(async (ids) => {
    const groups = sameAsGroups(ctx.db, kind, ids);
    return ids.map((id) => groups.get(id)!);
  }));
export const actorsSameAs = sameAsLoader('ACTOR');
export const eventsSameAs = sameAsLoader('EVENT');

/** The thread of each claim (its ids in date order), for all the claims of a request in one recursive statement. */
export const claimThreads = createContextCache(
  (ctx: Context) =>
    new DataLoader<number, number[]>(async (ids) => {
      const threads = threadsOf(ctx.db, ids);
      return ids.map((id) => threads.get(id)!);
    }),
);

// Per request, one DataLoader per field and arguments: parents that ask for the same nested
// connection share one batch, so it costs one statement per field, not one per parent.
const nestedLoaders = createContextCache(() => new Map<string, DataLoader<number, unknown>>());

function nested<T>(ctx: Context, batchKey: string, parent: number, batch: (ids: readonly number[]) => Map<number, T>, missing: T): Promise<T> {
  const cache = nestedLoaders(ctx);
  let loader = cache.get(batchKey) as DataLoader<number, T> | undefined;
  if (!loader) {
    loader = new DataLoader<number, T>(async (ids) => {
      const found = batch(ids);
      return ids.map((id) => found.get(id) ?? missing);
    });
    cache.set(batchKey, loader as DataLoader<number, unknown>);
  }
  return loader.load(parent);
}

const parentsOf = (ids: readonly number[], filterOf: (parent: number) => TimelineFilter) => ids.map((id) => ({ parent: id, filter: filterOf(id) }));

/** A page of timeline items under each parent (an actor's claims, a place's events). */
export function nestedItemPage(
  ctx: Context,
  batchKey: string,
  parent: number,
  filterOf: (parent: number) => TimelineFilter,
  request: PageRequest,
  direction: SortDirection,
): Promise<Page<ItemRow>> {
  const empty: Page<ItemRow> = { rows: [], keys: [], hasNextPage: false, hasPreviousPage: false };
  return nested(ctx, `page:${batchKey}`, parent, (ids) => pageItemsByParent(ctx.db, parentsOf(ids, filterOf), request, direction), empty);
}

/** The totalCount of a nested item connection, batched like its pages. */
export function nestedItemCount(ctx: Context, batchKey: string, parent: number, filterOf: (parent: number) => TimelineFilter): Promise<number> {
  return nested(ctx, `count:${batchKey}`, parent, (ids) => countItemsByParent(ctx.db, parentsOf(ids, filterOf)), 0);
}
