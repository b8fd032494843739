import type { Db } from './client.ts';
import { bounded, openPostgresDbAsync, redacted, type PgClient } from './postgres.ts';

// Reads on PostgreSQL's hot standbys (CLAIMLINE_DB_REPLICAS), writes on the primary
// (CLAIMLINE_DB). Each standby is checked every second: one that does not answer, or that has
// fallen behind the primary by more than CLAIMLINE_DB_REPLICA_MAX_LAG_MS, takes no reads until it
// answers and catches up again, and reads go to another, or to the primary. A client that wrote
// (writes need an API key) reads its own writes, whichever server or process took them: a read
// with a key asks the primary for that key's newest change (one indexed statement), and goes only
// to a standby that holds it, else to the primary. Every write on PostgreSQL holds one lock
// (src/db/statements.ts: WRITE_LOCK), so changes commit in the order of their ids: a standby
// whose newest change is that one or later has replayed it and every change before it.

/** The newest change in a database: on a standby, the newest it has replayed. */
const NEWEST_CHANGE = 'SELECT coalesce(max(id), 0) FROM changes';

interface Replica {
  url: string;
  db: Db | null;
  /** A connection being made (on libpq's thread), and when the next may be tried after one failed. */
  connecting: boolean;
  retryAt: number;
  backoffMs: number;
  /** Why it takes no reads now, or null when it does. */
  down: string | null;
  /** The newest change it has replayed, when last asked. */
  change: number;
  lagMs: number;
  reads: number;
}

export interface ReplicaStatus {
  url: string;
  up: boolean;
  reason: string | null;
  lagMs: number;
  reads: number;
}

/** libpq settings a standby's connection takes unless its URL gives them: tighter than a primary's (src/db/postgres.ts: bounded), since reads can go elsewhere. */
const STANDBY_BOUNDS = { connect_timeout: '2', tcp_user_timeout: '3000' };

export class ReadReplicas {
  private readonly replicas: Replica[];
  private next = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly primary: Db,
    urls: readonly string[],
    private readonly options: { maxLagMs: number; checkMs?: number; onStatement?: (sql: string) => void },
  ) {
    this.replicas = urls.map((url) => ({ url, db: null, connecting: false, retryAt: 0, backoffMs: 0, down: 'connecting', change: 0, lagMs: 0, reads: 0 }));
    this.check();
    this.timer = setInterval(() => this.check(), options.checkMs ?? 1000);
    this.timer.unref();
  }

  /**
   * Reads how far each connected standby has replayed; starts connecting to each that has no
   * connection (without holding up requests: the connection is made on libpq's thread), at most
   * every 30 s for one that keeps failing.
   */
  check(): void {
    for (const replica of this.replicas) {
      if (!replica.db) {
        if (!replica.connecting && Date.now() >= replica.retryAt) this.connect(replica);
        continue;
      }
      try {
        const row = replica.db.$client
          .prepare(
            `SELECT (${NEWEST_CHANGE}) AS change,
              CASE WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
                ELSE coalesce(1000 * extract(epoch FROM now() - pg_last_xact_replay_timestamp()), 0) END AS lag`,
          )
          .get() as { change: number; lag: number };
        replica.change = row.change;
        replica.lagMs = Math.round(row.lag);
        replica.down = replica.lagMs > this.options.maxLagMs ? `${replica.lagMs} ms behind its primary (CLAIMLINE_DB_REPLICA_MAX_LAG_MS is ${this.options.maxLagMs})` : null;
      } catch (error) {
        replica.down = error instanceof Error ? error.message.split('\n')[0]! : String(error);
        replica.db.$client.close();
        replica.db = null;
      }
    }
  }

  private connect(replica: Replica): void {
    replica.connecting = true;
    openPostgresDbAsync(bounded(replica.url, STANDBY_BOUNDS), this.options.onStatement).then(
      (db) => {
        replica.connecting = false;
        if (this.closed) return db.$client.close();
        if (!(db.$client as unknown as PgClient).readonly) {
          db.$client.close();
          return this.failed(replica, 'not a standby: it is not in recovery (a primary takes writes, not CLAIMLINE_DB_REPLICAS)');
        }
        replica.db = db;
        replica.backoffMs = 0;
        this.check();
      },
      (error: Error) => {
        replica.connecting = false;
        this.failed(replica, error.message.split('\n')[0]!);
      },
    );
  }

  private failed(replica: Replica, reason: string): void {
    replica.down = reason;
    replica.backoffMs = Math.min(Math.max(replica.backoffMs * 2, 1000), 30_000);
    replica.retryAt = Date.now() + replica.backoffMs;
  }

  private closed = false;

  /** Resolves once no standby is being connected to (tests: a standby's first check is done). */
  async settled(): Promise<void> {
    while (this.replicas.some((r) => r.connecting)) await new Promise((resolve) => setTimeout(resolve, 10));
  }

  /**
   * The database a read runs on: the next standby that is up and has replayed what `keyName`
   * (the reader's API key) last wrote, or the primary when none has.
   */
  forRead(keyName: string | null): Db {
    const wrote = keyName === null ? 0 : (this.primary.$client.prepare('SELECT coalesce(max(id), 0) FROM changes WHERE key_name = ?').pluck().get(keyName) as number);
    for (let tried = 0; tried < this.replicas.length; tried++) {
      const replica = this.replicas[(this.next = (this.next + 1) % this.replicas.length)]!;
      if (replica.down !== null || replica.db === null) continue;
      if (replica.change < wrote) {
        // Perhaps it has replayed it since it was last asked.
        try {
          replica.change = replica.db.$client.prepare(NEWEST_CHANGE).pluck().get() as number;
        } catch {
          this.answers(replica.db);
          continue;
        }
        if (replica.change < wrote) continue;
      }
      replica.reads += 1;
      return replica.db;
    }
    return this.primary;
  }

  /** Whether a standby's connection still answers; one that does not takes no more reads until it is checked again. */
  answers(db: Db): boolean {
    const replica = this.replicas.find((r) => r.db === db);
    if (!replica) return true;
    try {
      db.$client.prepare('SELECT 1').get();
      return true;
    } catch (error) {
      replica.down = error instanceof Error ? error.message.split('\n')[0]! : String(error);
      replica.db = null;
      db.$client.close();
      return false;
    }
  }

  status(): ReplicaStatus[] {
    return this.replicas.map((r) => ({ url: redacted(r.url), up: r.down === null, reason: r.down, lagMs: r.lagMs, reads: r.reads }));
  }

  close(): void {
    this.closed = true;
    clearInterval(this.timer);
    for (const replica of this.replicas) replica.db?.$client.close();
  }
}
