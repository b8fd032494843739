import type { Db } from '../db/client.ts';
import { openAnother } from '../db/open.ts';
import { PgChannel, type PgClient } from '../db/postgres.ts';
import { CHANGES_CHANNEL } from '../db/triggers.ts';
import { forRequest, prepared, transaction, type RequestUse } from '../db/statements.ts';
import { lastChange, rewindTo, timelineEffectsSince } from '../domain/changes.ts';
import { write, type Origin, type Writer } from '../domain/write.ts';
import { SUBSCRIPTION_OVERFLOW, type Editor as ApiEditor, type LiveEvent } from '../graphql/context.ts';
import { DEFAULT_LIMITS } from './config.ts';

/** Runs async tasks one at a time, in arrival order. */
class Serial {
  private tail: Promise<unknown> = Promise.resolve();
  run<T>(task: () => T | Promise<T>): Promise<T> {
    const result = this.tail.then(task);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

/** One subscription's waiting ids, in the order they were published. */
class Subscriber {
  constructor(private readonly backlog: number) {}
  pending: number[] = [];
  head = 0;
  overflowed = false;
  wake: (() => void) | null = null;

  push(id: number): void {
    if (this.overflowed) return;
    if (this.pending.length - this.head >= this.backlog) {
      this.overflowed = true;
      this.pending = [];
      this.head = 0;
    } else {
      this.pending.push(id);
    }
    this.wake?.();
    this.wake = null;
  }

  /** The next waiting id, or undefined; the array is compacted as it is consumed. */
  take(): number | undefined {
    if (this.head >= this.pending.length) return undefined;
    const id = this.pending[this.head++]!;
    if (this.head >= 1024 && this.head * 2 >= this.pending.length) {
      this.pending = this.pending.slice(this.head);
      this.head = 0;
    }
    return id;
  }
}

/**
 * The app's writer: mutations run one at a time, each in one recorded transaction; committed
 * changes to the timeline are published for subscriptions. As-of reads rewind a second
 * connection inside a transaction that is always rolled back; they hold the same queue, since
 * that transaction holds the write lock (SQLite's, or on PostgreSQL the one every claimline
 * writer takes), and a mutation waiting on it would block the process.
 */
export class Editor implements ApiEditor {
  private readonly live: Record<LiveEvent, Set<Subscriber>> = { 'timeline:added': new Set(), 'timeline:changed': new Set() };
  private readonly queue = new Serial();
  private snapshot: Db | null = null;
  private readonly shutdown = new AbortController();

  /** Every change up to this one has had its effects published (this process's own, or seen from another). */
  private published: number;
  private readonly watcher: NodeJS.Timeout;
  private dataVersion: number;

  /** On PostgreSQL, the notices of other connections' commits (`notices`). */
  private readonly notices: PgChannel | null = null;

  /**
   * Writes by other connections — another server process on the same file, `claimline import`,
   * `claimline seed` — reach this process's subscribers too: SQLite's data_version says when
   * another connection committed, and the changes table says what it did (`pollMs`). On
   * PostgreSQL with `notices`, each commit's notice (drizzle-pg/0004_change_notices.sql) brings
   * its effects at once; the poll still catches what a lost listening connection missed.
   */
  constructor(
    private readonly db: Db,
    { pollMs = 250, backlog = DEFAULT_LIMITS.subscriptionBacklog, notices = false }: { pollMs?: number; backlog?: number; notices?: boolean } = {},
  ) {
    this.backlog = backlog;
    this.published = lastChange(db);
    this.dataVersion = this.version();
    // A poll that fails (the database gone for a moment) is tried again at the next: it never ends the process.
    this.watcher = setInterval(() => {
      try {
        this.publishOthers();
      } catch {
        // the next poll tries again; requests meanwhile report the fault themselves
      }
    }, pollMs);
    this.watcher.unref();
    if (notices && db.$engine === 'postgres') {
      let pending = false;
      this.notices = new PgChannel((db.$client as unknown as PgClient).connection.url, CHANGES_CHANNEL, () => {
        if (pending) return;
        pending = true;
        setImmediate(() => {
          pending = false;
          try {
            this.publishOthers();
          } catch {
            // as a poll's: the next tries again
          }
        });
      });
    }
  }

  /**
   * What changes when another connection commits, read through `db` (a request's handle counts
   * it): SQLite's data_version of this connection; on PostgreSQL, the last change recorded.
   */
  private version(db: Db = this.db): number {
    return db.$engine === 'postgres' ? lastChange(db) : (prepared(db, 'PRAGMA data_version').pluck().get() as number);
  }

  /** Publishes what changes committed by other connections did, once each, in commit order. */
  private publishOthers(): void {
    if (this.db.$client.inTransaction || !this.db.$client.open) return;
    const version = this.version();
    if (version === this.dataVersion) return;
    this.dataVersion = version;
    this.publishChanges(lastChange(this.db));
  }

  /** Publishes the effects of the changes after `published` up to `upTo`, read from the changes table. */
  private publishChanges(upTo: number): void {
    if (upTo <= this.published) return;
    if (this.subscribers > 0) {
      for (const { change, added, changed } of timelineEffectsSince(this.db, this.published)) {
        if (change > upTo) break;
        for (const id of added) this.publish('timeline:added', id);
        for (const id of changed) this.publish('timeline:changed', id);
      }
    }
    this.published = upTo;
  }

  get closing(): AbortSignal {
    return this.shutdown.signal;
  }

  readonly backlog: number;

  /** Live subscriptions open now (for /metrics). */
  get subscribers(): number {
    return this.live['timeline:added'].size + this.live['timeline:changed'].size;
  }

  private publish(event: LiveEvent, id: number): void {
    for (const subscriber of this.live[event]) subscriber.push(id);
  }

  /**
   * The ids of the items each later write adds (or changes), once each, in the order published;
   * when more than `backlog` wait, one SUBSCRIPTION_OVERFLOW (-1) and the end.
   */
  subscribe(event: LiveEvent): AsyncIterable<number> {
    const live = this.live[event];
    return {
      [Symbol.asyncIterator]: () => {
        // Counted (in `live`) while iterated: from the first read to the return that ends it.
        const subscriber = new Subscriber(this.backlog);
        live.add(subscriber);
        let open = true;
        const close = () => {
          if (!open) return;
          open = false;
          live.delete(subscriber);
          subscriber.wake?.();
        };
        const done = { done: true, value: undefined } as const;
        return {
          next: async (): Promise<IteratorResult<number>> => {
            for (;;) {
              if (!open) return done;
              const id = subscriber.take();
              if (id !== undefined) return { done: false, value: id };
              if (subscriber.overflowed) {
                close();
                return { done: false, value: SUBSCRIPTION_OVERFLOW };
              }
              await new Promise<void>((resolve) => (subscriber.wake = resolve));
            }
          },
          return: async () => {
            close();
            return done;
          },
          throw: async () => {
            close();
            return done;
          },
        };
      },
    };
  }

  write<T>(origin: Origin, body: (writer: Writer) => T, use?: RequestUse): Promise<T> {
    return this.queue.run(() => {
      const db = use ? forRequest(this.db, use) : this.db;
      const { result, effects, change } = write(db, origin, body);
      // What other connections committed before this change reaches subscribers first, so each
      // sees every process's changes in commit order; later ones are left to the poll.
      if (this.version(db) !== this.dataVersion) this.publishChanges(change - 1);
      this.published = change;
      for (const id of effects.added) this.publish('timeline:added', id);
      for (const id of effects.changed) if (!effects.added.has(id)) this.publish('timeline:changed', id);
      return result;
    });
  }

  /** Ends every subscription, lets queued writes and as-of reads finish, and closes the as-of connection. */
  async close(): Promise<void> {
    clearInterval(this.watcher);
    this.notices?.close();
    this.shutdown.abort();
    await this.queue.run(() => undefined);
    this.snapshot?.$client.close();
    this.snapshot = null;
  }

  /**
   * Why this server cannot read as of an instant, or null when it can: as-of reads rewind a
   * second connection, in a transaction that writes (and is rolled back), which a database in
   * memory has not, and a read-only standby cannot.
   */
  get asOfUnavailable(): string | null {
    if (this.db.$client.memory) return 'as-of reads need a database file (this server runs in memory)';
    return this.db.$client.readonly ? 'as-of reads rewind the database in a transaction that is rolled back, which a read-only standby cannot run: ask a server on the primary' : null;
  }

  /**
   * Runs `read` over the database as it stood at `instant`, undoing at most `maxRowChanges` row
   * changes; the rewind's statements and the read's are the request's `use`, when given.
   */
  readAsOf<T>(instant: Date, maxRowChanges: number, read: (db: Db) => Promise<T>, use?: RequestUse): Promise<T> {
    if (this.asOfUnavailable) throw new Error(this.asOfUnavailable);
    return this.queue.run(async () => {
      this.snapshot ??= await openAnother(this.db);
      const snapshot = use ? forRequest(this.snapshot, use) : this.snapshot;
      transaction(snapshot, 'BEGIN IMMEDIATE');
      try {
        rewindTo(snapshot, instant, maxRowChanges);
        return await read(snapshot);
      } finally {
        transaction(snapshot, 'ROLLBACK');
      }
    });
  }
}
