import type { TestProject } from 'vitest/node';
import { postgresUnavailable } from '../src/db/postgres.ts';
import { postgresBinaries, startCluster, type Cluster } from './postgres-cluster.ts';

// Once per test run: a PostgreSQL primary and hot standby for the tests that run on PostgreSQL
// (test/postgres.ts), stopped and removed when the run ends. Where PostgreSQL or the libpq addon
// is not installed, those tests are skipped with a notice, as the browser tests are.

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
    project.provide('postgres', { missing });
    return;
  }
  const cluster: Cluster = await startCluster(bin!);
  project.provide('postgres', { primary: cluster.primary, standby: cluster.standby });
  return () => cluster.stop();
}
