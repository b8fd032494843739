import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { PgConnection } from '../src/db/postgres.ts';
import { TEMPLATE } from './global-setup.ts';

// The PostgreSQL of this test run (test/global-setup.ts): each test file takes databases of its
// own on the one primary, which the standby replicates.

const provided = inject('postgres');

/** Why the PostgreSQL tests are skipped, or '' when they run. */
export const postgresMissing = 'missing' in provided ? provided.missing : '';

const cluster = 'missing' in provided ? undefined : provided;

/** A new database on the primary, migrated (a copy of the template), without waiting for the standby: its URL. */
export function newPostgresDatabase(): string {
  const name = `claimline_${randomBytes(6).toString('hex')}`;
  const admin = new PgConnection(cluster!.primary);
  try {
    admin.script(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE}`);
  } finally {
    admin.close();
  }
  return cluster!.primary.replace(/\/postgres$/, `/${name}`);
}

/** A new empty database on the primary, once the standby has it too: its URL on each. */
export async function freshPostgres(): Promise<{ primary: string; standby: string }> {
  const name = `claimline_${randomBytes(6).toString('hex')}`;
  const admin = new PgConnection(cluster!.primary);
  const standby = new PgConnection(cluster!.standby);
  try {
    admin.script(`CREATE DATABASE ${name}`);
    await caughtUp(admin, standby);
  } finally {
    admin.close();
    standby.close();
  }
  const on = (url: string) => url.replace(/\/postgres$/, `/${name}`);
  return { primary: on(cluster!.primary), standby: on(cluster!.standby) };
}

/** Waits until the test run's standby has replayed everything its primary has written so far. */
export async function standbyCaughtUp(): Promise<void> {
  const admin = new PgConnection(cluster!.primary);
  const standby = new PgConnection(cluster!.standby);
  try {
    await caughtUp(admin, standby);
  } finally {
    admin.close();
    standby.close();
  }
}

/** Waits until the standby has replayed everything the primary has written so far. */
export async function caughtUp(primary: PgConnection, standby: PgConnection): Promise<void> {
  const target = primary.value<string>('SELECT pg_current_wal_insert_lsn()::text')!;
  for (let tries = 0; tries < 200; tries++) {
    if (standby.value<boolean>('SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn', [target])) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('the standby did not catch up within 5 s');
}
