import type { TestProject } from 'vitest/node';
import { openPostgres, PgConnection, postgresUnavailable } from '../src/db/postgres.ts';
import { postgresBinaries, startCluster, type Cluster } from './postgres-cluster.ts';

// Once per test run: a PostgreSQL primary and hot standby for the tests that run on PostgreSQL
// (test/postgres.ts), stopped and removed when the run ends. Where PostgreSQL or the libpq addon
// is not installed, those tests are skipped with a notice, as the browser tests are.

/** The migrated database every test database is a copy of. */
export const TEMPLATE = 'claimline_template';

export interface ProvidedPostgres {
  primary: string;
  standby: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    postgres: ProvidedPostgres | { missing: string };
  }
}

export default async function setup(project: TestProject) {
  const bin = postgresBinaries();
  let missing = bin ? '' : 'no PostgreSQL binaries in /usr/lib/postgresql/*/bin (apt-get install postgresql, or set PG_BINDIR)';
  if (!missing) missing = postgresUnavailable();
  if (missing) {
    console.warn(`\n  NOTICE: PostgreSQL tests SKIPPED: ${missing}.\n`);
    project.provide('postgres', { missing });
    return;
  }
  const cluster: Cluster = await startCluster(bin!);
  // A migrated database that each test's database is made from (CREATE DATABASE … TEMPLATE): a copy of its files, not its migrations run again.
  const admin = new PgConnection(cluster.primary);
  admin.script(`CREATE DATABASE ${TEMPLATE}`);
  admin.close();
  openPostgres(cluster.primary.replace(/\/postgres$/, `/${TEMPLATE}`)).close();
  project.provide('postgres', { primary: cluster.primary, standby: cluster.standby });
  return () => cluster.stop();
}
