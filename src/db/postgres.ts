import { readMigrationFiles } from 'drizzle-orm/migrator';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Db, WriteState } from './client.ts';

// A PostgreSQL connection that answers synchronously, as better-sqlite3 does, so that the domain
// keeps one shape on both engines: a transaction body is plain synchronous code, and a request's
// statements run one after another on its connection. It speaks through libpq (the C client
// PostgreSQL ships), by the `libpq` addon: its calls block until the server answers.
//
// The addon is an optional dependency: it builds against Debian's libpq-dev
// (`apt-get install libpq-dev`), and a machine without it runs claimline on SQLite as before.

/** A statement PostgreSQL refused: its SQLSTATE code and what it names (PostgreSQL's error fields). */
export class PgError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
    readonly constraint: string | undefined,
    readonly table: string | undefined,
    readonly column: string | undefined,
    /** The statement refused (for the server's log; never sent to a client). */
    readonly statement?: string,
  ) {
    super(message);
    this.name = 'PgError';
  }
}

interface Libpq {
  connectSync(url: string): void;
  connect(url: string, done: (error?: Error) => void): void;
  exec(text: string): void;
  execParams(text: string, params: unknown[]): void;
  prepare(name: string, text: string, count: number): void;
  execPrepared(name: string, params: unknown[]): void;
  resultStatus(): string;
  resultErrorMessage(): string;
  errorMessage(): string;
  resultErrorFields(): Record<string, string> | null;
  ntuples(): number;
  nfields(): number;
  fname(column: number): string;
  ftype(column: number): number;
  getvalue(row: number, column: number): string;
  getisnull(row: number, column: number): boolean;
  cmdTuples(): string;
  transactionStatus(): number;
  finish(): void;
  startReader(): void;
  stopReader(): void;
  consumeInput(): boolean;
  notifies(): { relname: string; extra: string; be_pid: number } | undefined;
  on(event: 'readable', listener: () => void): void;
}

const require = createRequire(import.meta.url);
let Addon: (new () => Libpq) | undefined;

/** The libpq addon, loaded the first time a PostgreSQL database is opened. */
function addon(): new () => Libpq {
  if (!Addon) {
    try {
      Addon = require('libpq') as new () => Libpq;
    } catch (error) {
      throw new Error(
        `claimline: PostgreSQL needs the libpq addon, which did not build or load (${(error as Error).message.split('\n')[0]}). ` +
          'Install Debian\'s libpq-dev (apt-get install libpq-dev) and run npm ci again.',
      );
    }
  }
  return Addon;
}

/**
 * libpq's settings that bound how long a server that stops answering holds a connection (and,
 * since the connection answers synchronously, the process): a connection attempt gives up after
 * 10 s, and an open connection is found dead within about 11 s of silence (TCP keepalives) or
 * 10 s of unacknowledged data. A URL that gives any of them keeps its own.
 */
const BOUNDS: Record<string, string> = { connect_timeout: '10', tcp_user_timeout: '10000', keepalives: '1', keepalives_idle: '5', keepalives_interval: '2', keepalives_count: '3' };

/** The URL with `settings`, and BOUNDS, wherever it does not give its own. */
export function bounded(url: string, settings: Record<string, string> = {}): string {
  const parsed = new URL(url);
  for (const [name, value] of Object.entries({ ...BOUNDS, ...settings })) if (!parsed.searchParams.has(name)) parsed.searchParams.set(name, value);
  return parsed.toString();
}

/** Whether a CLAIMLINE_DB value names a PostgreSQL database rather than an SQLite file. */
export const isPostgresUrl = (database: string): boolean => /^postgres(ql)?:\/\//.test(database);

// Type OIDs (pg_type): the values that come back as JavaScript numbers. Every integer claimline
// stores (ids, epoch milliseconds, counts) is within 2^53; a larger one is refused, not rounded.
const INT8 = 20;
const NUMERIC = 1700;
const NUMBERS = new Set([INT8, 21, 23, 700, 701, NUMERIC, 26]);
const BOOL = 16;

/** How a column's text is read: as a number, a boolean, or the text itself. */
function reader(type: number): (text: string) => unknown {
  if (type === INT8 || type === NUMERIC) {
    return (text) => {
      const number = Number(text);
      if (!Number.isSafeInteger(number) && Number.isInteger(number)) throw new Error(`the integer ${text} is past 2^53 and cannot be read exactly`);
      return number;
    };
  }
  if (NUMBERS.has(type)) return Number;
  if (type === BOOL) return (text) => text === 't';
  return (text) => text;
}

const MAX_PREPARED = 2_000;

/** Every connection's session: text in UTF-8, instants in UTC, only warnings and worse reported. */
const SESSION = "SET client_encoding = 'UTF8'; SET TIME ZONE 'UTC'; SET client_min_messages = warning";

/** The SQLSTATE of a statement refused because the connection is lost (PostgreSQL's connection_failure). */
export const CONNECTION_LOST = '08006';

/** libpq's PQTRANS_UNKNOWN: the connection is bad. */
const CONNECTION_BAD = 4;

/** How long to wait before connecting again after `failures` attempts failed: 100 ms, doubling, at most 5 s. */
const retryDelay = (failures: number): number => Math.min(5_000, 100 * 2 ** failures);

/** libpq's refusal to connect, in one line ("…: Connection refused Is the server running…"), naming the URL without its password. */
const cannotConnect = (url: string, error: Error) => new Error(`cannot connect to PostgreSQL at ${redacted(url)}: ${error.message.trim().replace(/\s+/g, ' ')}`);

/** One connection to a PostgreSQL database, its statements prepared once each. */
export class PgConnection {
  private pq: Libpq;
  /** The name of each statement prepared on this connection, by its text (at most MAX_PREPARED: the server keeps each). */
  private readonly statements = new Map<string, string>();
  private prepared = 0;

  /** Connects, waiting for the server (`connection`: one connected already, by `connect`). */
  constructor(
    readonly url: string,
    connection?: Libpq,
  ) {
    if (connection) {
      this.pq = connection;
      return;
    }
    this.pq = new (addon())();
    try {
      this.pq.connectSync(bounded(url));
    } catch (error) {
      retain(this.pq); // connectSync finished it
      throw cannotConnect(url, error as Error);
    }
  }

  /** Connects on libpq's own thread: the event loop goes on meanwhile (a host that does not answer holds up nothing). */
  static connect(url: string): Promise<PgConnection> {
    const pq = new (addon())();
    return new Promise((resolve, reject) => {
      pq.connect(bounded(url), (error?: Error) => {
        if (!error) return resolve(new PgConnection(url, pq));
        pq.finish();
        retain(pq);
        reject(cannotConnect(url, error));
      });
    });
  }

  /** The rows of a statement with `$1`… parameters, as objects named by their columns. */
  rows<T = Record<string, unknown>>(text: string, params: readonly unknown[] = []): T[] {
    this.execute(text, params);
    const pq = this.pq;
    const count = pq.nfields();
    const names = Array.from({ length: count }, (_, c) => pq.fname(c));
    const readers = Array.from({ length: count }, (_, c) => reader(pq.ftype(c)));
    const rows: T[] = new Array(pq.ntuples());
    for (let r = 0; r < rows.length; r++) {
      const row: Record<string, unknown> = {};
      for (let c = 0; c < count; c++) {
        // libpq gives a null as '': only an empty text asks whether it is one (a call per value saved).
        const text = pq.getvalue(r, c);
        row[names[c]!] = text === '' && pq.getisnull(r, c) ? null : readers[c]!(text);
      }
      rows[r] = row as T;
    }
    return rows;
  }

  /** The first column of the first row, or undefined when there is none. */
  value<T = unknown>(text: string, params: readonly unknown[] = []): T | undefined {
    this.execute(text, params);
    if (this.pq.ntuples() === 0 || this.pq.getisnull(0, 0)) return undefined;
    return reader(this.pq.ftype(0))(this.pq.getvalue(0, 0)) as T;
  }

  /** Runs a statement and returns how many rows it changed. */
  run(text: string, params: readonly unknown[] = []): number {
    this.execute(text, params);
    return Number(this.pq.cmdTuples() || 0);
  }

  /** Runs a script of statements without parameters (a migration). */
  script(text: string): void {
    this.open();
    this.pq.exec(text);
    this.check();
  }

  /** Runs `body` in a transaction: committed when it returns, rolled back when it throws. */
  transaction<T>(body: () => T): T {
    this.script('BEGIN');
    try {
      const result = body();
      this.script('COMMIT');
      return result;
    } catch (error) {
      if (this.inTransaction) this.script('ROLLBACK');
      throw error;
    }
  }

  /** Whether a transaction is open (or failed and not yet rolled back); a lost connection's went with it. */
  get inTransaction(): boolean {
    return !this.closed && this.lost === null && this.pq.transactionStatus() !== 0;
  }

  /** Whether a transaction is open and has not failed (PostgreSQL refuses every statement of a failed one but ROLLBACK). */
  get transactionOpen(): boolean {
    return !this.closed && this.lost === null && this.pq.transactionStatus() === 2;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.pq.finish();
    retain(this.pq);
  }

  /**
   * Why the connection was lost, while it is being made again (null while it stands). A server
   * restarted or failed over, or a network that went away, costs the statements of that moment
   * (each refused with CONNECTION_LOST at once), not the process: the connection is made again
   * in the background, on libpq's thread, with a backoff (up to 5 s), and its statements are
   * prepared again as they are asked for.
   */
  private lost: string | null = null;

  private lose(reason: string): void {
    this.lost = reason;
    this.statements.clear();
    this.reconnect(0);
  }

  private reconnect(failures: number): void {
    const timer = setTimeout(() => {
      if (this.closed) return;
      const pq = new (addon())();
      pq.connect(bounded(this.url), (error?: Error) => {
        if (!error && !this.closed) {
          pq.exec(SESSION);
          if (pq.resultStatus() === 'PGRES_COMMAND_OK') {
            this.pq.finish();
            retain(this.pq);
            this.pq = pq;
            this.lost = null;
            return;
          }
        }
        pq.finish();
        retain(pq);
        if (!this.closed) this.reconnect(failures + 1);
      });
    }, retryDelay(failures));
    timer.unref();
  }

  /**
   * Listens on `channel` (LISTEN): `heard` is called with the payload of each notification, as it
   * arrives, and `lost` once when the connection fails. The connection does nothing else after.
   */
  listen(channel: string, heard: (payload: string) => void, lost: (error: Error) => void): void {
    this.script(`LISTEN "${channel}"`);
    this.pq.on('readable', () => {
      if (this.closed) return;
      if (!this.pq.consumeInput()) {
        this.pq.stopReader();
        lost(new Error(this.pq.errorMessage().trim() || 'the connection was lost'));
        return;
      }
      for (let n = this.pq.notifies(); n; n = this.pq.notifies()) heard(n.extra);
    });
    this.pq.startReader();
  }

  private closed = false;

  /** libpq's calls on a finished connection would read freed memory: every call checks first, as better-sqlite3's do. */
  private open(): void {
    if (this.closed) throw new TypeError('The database connection is not open');
    if (this.lost !== null) throw new PgError(`the connection to PostgreSQL at ${redacted(this.url)} was lost (${this.lost}); claimline is connecting again`, CONNECTION_LOST, undefined, undefined, undefined);
  }

  private execute(text: string, params: readonly unknown[]): void {
    this.open();
    let name = this.statements.get(text);
    if (!name) {
      // Texts built per request (filters vary them) would pile up on the server: past the bound, it forgets them all.
      if (this.statements.size >= MAX_PREPARED && this.pq.transactionStatus() !== 3) {
        this.pq.exec('DEALLOCATE ALL');
        this.check();
        this.statements.clear();
      }
      name = `s${++this.prepared}`;
      this.pq.prepare(name, text, params.length);
      this.check(text);
      this.statements.set(text, name);
    }
    this.pq.execPrepared(name, params.map(parameter));
    this.check(text);
  }

  private check(statement?: string): void {
    const status = this.pq.resultStatus();
    if (status === 'PGRES_COMMAND_OK' || status === 'PGRES_TUPLES_OK' || status === 'PGRES_EMPTY_QUERY') return;
    const fields = this.pq.resultErrorFields() ?? {};
    // A statement's error has fields; a lost connection's is the connection's message.
    const message = (fields.messagePrimary || this.pq.resultErrorMessage() || this.pq.errorMessage() || '').trim() || `PostgreSQL answered ${status}`;
    if (this.pq.transactionStatus() === CONNECTION_BAD) {
      this.lose(message.split('\n')[0]!);
      throw new PgError(`the connection to PostgreSQL at ${redacted(this.url)} was lost (${this.lost}); claimline is connecting again`, CONNECTION_LOST, undefined, undefined, undefined, statement);
    }
    throw new PgError(message, fields.sqlState, fields.constraintName, fields.tableName, fields.columnName, statement);
  }
}

/**
 * Keeps a finished connection's object alive until libuv has closed its socket watcher: finish()
 * only begins the close, which completes in a later turn of the event loop, and the watcher lives
 * inside the object (freed when it is collected).
 */
const closing = new Set<Libpq>();
function retain(pq: Libpq): void {
  closing.add(pq);
  setImmediate(() => setImmediate(() => closing.delete(pq)));
}

/** A parameter as libpq sends it: text, or null. */
const parameter = (value: unknown): string | null =>
  value === null || value === undefined ? null : typeof value === 'object' ? JSON.stringify(value) : typeof value === 'boolean' ? (value ? 't' : 'f') : String(value);

/** The URL without its password, for messages and logs. */
export const redacted = (url: string): string => url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');

const migrationsFolder = fileURLToPath(new URL('../../drizzle-pg', import.meta.url));

/**
 * Brings the database to the latest schema: the migrations drizzle-kit generated in drizzle-pg/,
 * recorded as drizzle's own migrator records them (drizzle.__drizzle_migrations), in one
 * transaction, under an advisory lock so that servers starting together migrate once.
 */
export function migratePostgres(connection: PgConnection): { applied: number; known: number } {
  const migrations = readMigrationFiles({ migrationsFolder });
  return connection.transaction(() => {
    connection.run('SELECT pg_advisory_xact_lock(8675309)');
    connection.script('CREATE SCHEMA IF NOT EXISTS drizzle; CREATE TABLE IF NOT EXISTS drizzle.__drizzle_migrations (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at bigint)');
    const last = connection.value<number>('SELECT created_at FROM drizzle.__drizzle_migrations ORDER BY created_at DESC LIMIT 1') ?? -1;
    let applied = 0;
    for (const migration of migrations) {
      if (migration.folderMillis <= last) continue;
      for (const statement of migration.sql) if (statement.trim()) connection.script(statement);
      connection.run('INSERT INTO drizzle.__drizzle_migrations (hash, created_at) VALUES ($1, $2)', [migration.hash, migration.folderMillis]);
      applied += 1;
    }
    return { applied, known: migrations.length };
  });
}

/** How many of claimline's PostgreSQL migrations (drizzle-pg/) the database has applied. */
export function postgresMigrationState(connection: PgConnection): { applied: number; known: number } {
  const known = readMigrationFiles({ migrationsFolder }).length;
  const table = connection.value<boolean>("SELECT to_regclass('drizzle.__drizzle_migrations') IS NOT NULL");
  return { applied: table ? connection.value<number>('SELECT count(*) FROM drizzle.__drizzle_migrations')! : 0, known };
}

/**
 * Opens a PostgreSQL database at `url`: a primary is migrated to the latest schema; a hot
 * standby (read-only) is not, and is refused until its primary has been.
 */
export function openPostgres(url: string): PgConnection {
  return ready(new PgConnection(url));
}

/** The same, connecting without holding up the event loop (a read replica, which may not answer). */
export async function openPostgresAsync(url: string): Promise<PgConnection> {
  return ready(await PgConnection.connect(url));
}

/** A new connection made ready: its session's settings, and a primary migrated (a standby checked). */
function ready(connection: PgConnection): PgConnection {
  const url = connection.url;
  try {
    connection.script(SESSION);
    if (!connection.value<boolean>('SELECT pg_is_in_recovery()')) migratePostgres(connection);
    else {
      const { applied, known } = postgresMigrationState(connection);
      if (applied < known) throw new Error(`the standby at ${redacted(url)} has ${applied} of claimline's ${known} migrations; open its primary with claimline first (it migrates)`);
    }
  } catch (error) {
    connection.close();
    throw error;
  }
  return connection;
}

/**
 * A channel of PostgreSQL's notifications (LISTEN/NOTIFY) that other claimline servers on the
 * same primary hear: it listens on a connection of its own, made on libpq's thread, and connects
 * again with a backoff (up to 5 s) whenever that connection is lost. Notifications sent while it
 * is disconnected are missed; what it carries is advisory (spending, a wake-up), never the record.
 */
export class PgChannel {
  private connection: PgConnection | null = null;
  private closed = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly url: string,
    readonly channel: string,
    private readonly heard: (payload: string) => void,
    private readonly onError: (error: Error) => void = () => undefined,
  ) {
    void this.connect(0);
  }

  /** Sends a notification on the channel, through `connection` (delivered at its transaction's commit, or at once outside one). */
  static notify(connection: PgConnection, channel: string, payload: string): void {
    connection.run('SELECT pg_notify($1, $2)', [channel, payload]);
  }

  private async connect(failures: number): Promise<void> {
    try {
      const connection = await PgConnection.connect(this.url);
      if (this.closed) return connection.close();
      this.connection = connection;
      connection.listen(this.channel, this.heard, (error) => this.lost(error));
    } catch (error) {
      this.connection?.close();
      this.connection = null;
      if (this.closed) return;
      this.onError(error as Error);
      this.timer = setTimeout(() => void this.connect(failures + 1), retryDelay(failures));
      this.timer.unref();
    }
  }

  private lost(error: Error): void {
    this.connection?.close();
    this.connection = null;
    if (this.closed) return;
    this.onError(error);
    void this.connect(0);
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    this.connection?.close();
    this.connection = null;
  }
}

/** Why PostgreSQL cannot be used here ('' when it can): the libpq addon did not build or load. */
export function postgresUnavailable(): string {
  try {
    addon();
    return '';
  } catch (error) {
    return (error as Error).message;
  }
}

/**
 * SQL text as PostgreSQL takes it: better-sqlite3's placeholders, `?` (in order) and `@name`,
 * numbered `$1`, `$2`, … (outside quoted text and identifiers), and the names in their order.
 */
export function numbered(text: string): { text: string; names: (string | null)[] } {
  const names: (string | null)[] = [];
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === "'" || c === '"') {
      const end = text.indexOf(c, i + 1);
      const stop = end === -1 ? text.length : end + 1;
      out += text.slice(i, stop);
      i = stop - 1;
    } else if (c === '?') {
      names.push(null);
      out += `$${names.length}`;
    } else if (c === '@' && /[A-Za-z_]/.test(text[i + 1] ?? '')) {
      const name = /^[A-Za-z_]\w*/.exec(text.slice(i + 1))![0];
      let index = names.indexOf(name);
      if (index === -1) index = names.push(name) - 1;
      out += `$${index + 1}`;
      i += name.length;
    } else out += c;
  }
  return { text: out, names };
}

/**
 * One statement on PostgreSQL with the surface of a better-sqlite3 Statement that the domain
 * uses (get, all, run, iterate; pluck and raw), so that code written against it runs on either
 * engine. Its parameters are given as better-sqlite3 takes them: in order, or one object by name.
 */
export class PgStatement {
  private mode: 'object' | 'pluck' | 'raw' = 'object';
  private readonly text: string;
  private readonly names: (string | null)[];

  constructor(
    private readonly connection: PgConnection,
    private readonly source: string,
    private readonly onStatement?: (sql: string) => void,
  ) {
    ({ text: this.text, names: this.names } = numbered(source));
  }

  pluck(on = true): this {
    this.mode = on ? 'pluck' : 'object';
    return this;
  }

  raw(on = true): this {
    this.mode = on ? 'raw' : 'object';
    return this;
  }

  all(...params: unknown[]): unknown[] {
    this.onStatement?.(this.source);
    const rows = this.connection.rows(this.text, this.bound(params));
    if (this.mode === 'object') return rows;
    return this.mode === 'pluck' ? rows.map((row) => Object.values(row)[0]) : rows.map((row) => Object.values(row));
  }

  get(...params: unknown[]): unknown {
    return this.all(...params)[0];
  }

  iterate(...params: unknown[]): IterableIterator<unknown> {
    return this.all(...params)[Symbol.iterator]();
  }

  run(...params: unknown[]): { changes: number } {
    this.onStatement?.(this.source);
    return { changes: this.connection.run(this.text, this.bound(params)) };
  }

  private bound(params: unknown[]): unknown[] {
    // Text already numbered ($1, $2, …, as drizzle's PostgreSQL dialect writes it) takes its parameters as they come.
    if (this.names.length === 0) return params;
    const named = params.length === 1 && params[0] !== null && typeof params[0] === 'object' && !Array.isArray(params[0]) ? (params[0] as Record<string, unknown>) : null;
    let next = 0;
    return this.names.map((name) => (name === null ? params[next++] : named![name]));
  }
}

/**
 * The connection as the domain's statement layer meets it (src/db/statements.ts prepares through
 * `prepare`), with what the server asks of any database: its name, and whether it is read-only.
 */
export class PgClient {
  readonly memory = false;
  /** A hot standby: it answers reads, and refuses writes. */
  readonly readonly: boolean;
  open = true;

  constructor(
    readonly connection: PgConnection,
    /** Called with the SQL of every statement run (tests count them), as better-sqlite3's `verbose`. */
    private readonly onStatement?: (sql: string) => void,
  ) {
    this.readonly = connection.value<boolean>('SELECT pg_is_in_recovery()') === true;
  }

  /** The database's URL, without its password (logs and /ready name it). */
  get name(): string {
    return redacted(this.connection.url);
  }

  get inTransaction(): boolean {
    return this.connection.inTransaction;
  }

  prepare(text: string): PgStatement {
    return new PgStatement(this.connection, text, this.onStatement);
  }

  close(): void {
    if (!this.open) return;
    this.open = false;
    this.connection.close();
  }
}

/**
 * The write in progress as the triggers see it (drizzle-pg/0002_triggers.sql): each field the
 * write module sets inside a transaction is also set for the transaction on the server
 * (set_config, local), and every setting ends with its transaction.
 */
function writeState(connection: PgConnection): WriteState {
  const values: WriteState = { change: null, recorded: true, indexed: true };
  // Only in a transaction that stands: a failed one is rolled back next, and takes its settings with it.
  const set = (name: string, value: string) => {
    if (connection.transactionOpen) connection.run('SELECT set_config($1, $2, true)', [name, value]);
  };
  return {
    get change() {
      return values.change;
    },
    set change(change) {
      values.change = change;
      set('claimline.change', change === null ? '' : String(change));
    },
    get recorded() {
      return values.recorded;
    },
    set recorded(recorded) {
      values.recorded = recorded;
      set('claimline.recorded', recorded ? '1' : '0');
    },
    get indexed() {
      return values.indexed;
    },
    set indexed(indexed) {
      values.indexed = indexed;
      set('claimline.indexed', indexed ? '1' : '0');
    },
  };
}

/** A PostgreSQL database as claimline's domain uses one (src/db/client.ts: Db), migrated when it is a primary. */
export function openPostgresDb(url: string, onStatement?: (sql: string) => void): Db {
  return asDb(openPostgres(url), onStatement);
}

/** The same, connecting without holding up the event loop. */
export async function openPostgresDbAsync(url: string, onStatement?: (sql: string) => void): Promise<Db> {
  return asDb(await openPostgresAsync(url), onStatement);
}

const asDb = (connection: PgConnection, onStatement?: (sql: string) => void): Db =>
  ({ $client: new PgClient(connection, onStatement), $write: writeState(connection), $engine: 'postgres' }) as unknown as Db;
