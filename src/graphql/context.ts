import type { Db } from '../db/client.ts';
import type { RequestUse } from '../db/statements.ts';
import type { Origin, Writer } from '../domain/write.ts';

/** Timeline items as their changes are committed, for subscriptions. */
export type LiveEvent = 'timeline:added' | 'timeline:changed';

/** What a subscription's ids end with when more were waiting than the server keeps for one subscriber (`backlog`). */
export const SUBSCRIPTION_OVERFLOW = -1;

/** What the API needs of the server's writer (src/server/editor.ts implements it). */
export interface Editor {
  /** Runs one mutation's write in one recorded transaction, one at a time; resolves once committed. */
  write<T>(origin: Origin, body: (writer: Writer) => T, use?: RequestUse): Promise<T>;
  /** The ids of timeline items added or changed, each once its transaction commits (SUBSCRIPTION_OVERFLOW, then the end, when too many wait). */
  subscribe(event: LiveEvent): AsyncIterable<number>;
  /**
   * The most item ids one subscription may have waiting. An import can add millions of items at
   * once: past this many, the subscription ends with SUBSCRIPTION_OVERFLOW (the client reads the
   * timeline to catch up, then subscribes again) instead of holding memory without bound.
   */
  readonly backlog: number;
  /** Aborted when the server shuts down: subscriptions end on it. */
  readonly closing: AbortSignal;
}

/** What every resolver gets: the request's database handle (never a module global), and the writer. */
export interface Context {
  db: Db;
  editor: Editor;
  /** The request's Authorization header, checked by each mutation. */
  authorization: string | null;
}
