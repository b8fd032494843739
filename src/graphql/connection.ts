import { builder } from './builder.ts';
import { encodeCursor, pageRequest, type Page, type PageArgs, type PageRequest } from '../domain/pagination.ts';
import type { SortDirection } from '../db/vocabulary.ts';

/** A Relay connection built from a keyset page; `totalCount` runs its count only when asked for. */
export interface Connection<T> {
  edges: { node: T; cursor: string }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  totalCount: () => number | Promise<number>;
}

/** An edge whose cursor is encoded when it is read: a query asking only for `nodes` encodes none. */
class Edge<T> {
  constructor(
    readonly node: T,
    private readonly ordering: string,
    private readonly key: Page<T>['keys'][number],
  ) {}

  get cursor(): string {
    return encodeCursor(this.ordering, this.key);
  }
}

export function toConnection<T>(page: Page<T>, ordering: string, totalCount: () => number | Promise<number>): Connection<T> {
  const edges = page.rows.map((node, i) => new Edge(node, ordering, page.keys[i]!));
  return {
    edges,
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: page.hasPreviousPage,
      get startCursor() {
        return edges[0]?.cursor ?? null;
      },
      get endCursor() {
        return edges.at(-1)?.cursor ?? null;
      },
    },
    totalCount,
  };
}

/**
 * Validates Relay arguments for an ordering. The direction is part of the cursor's ordering tag,
 * so a cursor from the opposite direction is refused rather than misread.
 */
export function requestFor(args: PageArgs, ordering: string, direction: SortDirection, keyWidth: number): { request: PageRequest; ordering: string } {
  const tagged = `${ordering}:${direction}`;
  return { request: pageRequest(args, tagged, keyWidth), ordering: tagged };
}

/**
 * The connection type of a node type, with `totalCount`, named `${name}Connection` and
 * `${name}Edge` (e.g. ActorConnection, ActorEdge). `edgeFields` adds fields to the edge type.
 */
export function countedConnection(type: unknown, name: string, what: string, order: string, edgeFields?: (t: never) => object) {
  return builder.connectionObject(
    {
      type: type as never,
      name: `${name}Connection`,
      description: `A page of ${what}, ${order}.`,
      fields: (t) => ({
        totalCount: t.int({
          description: `How many ${what} match, across all pages (counted only when asked for).`,
          resolve: (connection) => (connection as unknown as Connection<unknown>).totalCount(),
        }),
      }),
    },
    { name: `${name}Edge`, description: `One of the ${what}, with its cursor.`, ...(edgeFields ? { fields: edgeFields as never } : {}) },
  );
}
