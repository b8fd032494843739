import type { Db } from '../db/client.ts';

/** What every resolver gets: the request's database handle (never a module global). */
export interface Context {
  db: Db;
}
