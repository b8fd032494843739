import type { Db } from '../db/client.ts';
import type { Origin, Writer } from '../domain/write.ts';

/** Timeline items as their changes are committed, for subscriptions. */
export type LiveEvent = 'timeline:added' | 'timeline:changed';

/** What the API needs of the server's writer (src/server/editor.ts implements it). */
export interface Editor {
  /** Runs one mutation's write in one recorded transaction, one at a time; resolves once committed. */
  write<T>(origin: Origin, body: (writer: Writer) => T): Promise<T>;
  /** The ids of timeline items added or changed, each once its transaction commits. */
  subscribe(event: LiveEvent): AsyncIterable<number>;
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
