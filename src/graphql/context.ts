import type { Db } from '../db/client.ts';
import type { Editor } from '../server/editor.ts';

/** What every resolver gets: the request's database handle (never a module global), and the writer. */
export interface Context {
  db: Db;
  editor: Editor;
  /** The request's Authorization header, checked by each mutation. */
  authorization: string | null;
}
