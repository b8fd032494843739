import { encodeCursor, pageRequest, type Page, type PageArgs, type PageRequest } from '../domain/pagination.ts';
import type { SortDirection } from '../domain/vocabulary.ts';

/** A Relay connection built from a keyset page; `totalCount` runs its count only when asked for. */
export interface Connection<T> {
  edges: { node: T; cursor: string }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  totalCount: () => number | Promise<number>;
}

export function toConnection<T>(page: Page<T>, ordering: string, totalCount: () => number | Promise<number>): Connection<T> {
  const edges = page.rows.map((node, i) => ({ node, cursor: encodeCursor(ordering, page.keys[i]!) }));
  return {
    edges,
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: page.hasPreviousPage,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
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
