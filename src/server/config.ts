import { availableParallelism } from 'node:os';
import { z } from 'zod';
import { InputError } from '../domain/errors.ts';
import { isPostgresUrl, redacted } from '../db/postgres.ts';

// Every setting of a claimline server, read from the environment in one place (README:
// Configuration). A bad value is refused at start-up, naming its variable.

/** What one request may ask for; a request over a limit is refused before any resolver or SQL runs. */
export interface Limits {
  /** Bytes of a request body. */
  bodyBytes: number;
  /** Lexical tokens of a GraphQL document. */
  tokens: number;
  /** Nesting of selections. */
  depth: number;
  /** Aliased fields. */
  aliases: number;
  /** Directives. */
  directives: number;
  /** The objects a query can produce, estimated from `first`/`last` and nesting (GitHub's node limit). */
  cost: number;
  /** Items of any list argument (IDs, filter lists, representations), unless the argument says otherwise. */
  listItems: number;
  /** Characters of any string argument, unless the argument says otherwise. */
  stringLength: number;
  /** Milliseconds a query may run before it is aborted (mutations run to the end of their one transaction). */
  timeoutMs: number;
  /** Recorded row changes an as-of read may undo. */
  asOfRowChanges: number;
  /** Item ids one live subscription may have waiting to be sent; past it the subscription ends (SUBSCRIPTION_OVERFLOW). */
  subscriptionBacklog: number;
  /** Cost points each API key, or each client address without one, may spend per window; 0 turns rate limiting off. */
  ratePoints: number;
  rateWindowMs: number;
}

export const DEFAULT_LIMITS: Limits = {
  bodyBytes: 1_048_576,
  tokens: 5_000,
  depth: 15,
  aliases: 30,
  directives: 50,
  cost: 25_000,
  listItems: 100,
  stringLength: 10_000,
  timeoutMs: 10_000,
  asOfRowChanges: 100_000,
  subscriptionBacklog: 100_000,
  ratePoints: 1_000_000,
  rateWindowMs: 60_000,
};

export interface ServerConfig {
  /** The SQLite file, ':memory:', or a PostgreSQL URL (its primary). */
  database: string;
  /** PostgreSQL hot standbys that take reads, and how far behind one may fall before it takes none. */
  replicas: { urls: string[]; maxLagMs: number };
  port: number;
  /** The address to listen on. */
  host: string;
  /** Origins a browser may call the API from: '*' (any, without credentials), a list, or none. */
  corsOrigins: '*' | string[];
  /** Seconds a shutdown may take before the process exits regardless. */
  shutdownSeconds: number;
  /** Take the client address from X-Forwarded-For (only behind a proxy you run). */
  trustProxy: boolean;
  /** pino's level: fatal, error, warn, info (default), debug, trace or silent. */
  logLevel: string;
  gatewayPort: number;
  /** Server processes sharing the port (each with its own connection to the one database file). */
  workers: number;
  limits: Limits;
}

const whole = (min: number, max = Number.MAX_SAFE_INTEGER) => z.coerce.number().int().min(min).max(max);
const flag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

/** Each variable, its schema, and where it goes. */
const VARIABLES = {
  CLAIMLINE_DB: z.string().min(1),
  CLAIMLINE_DB_REPLICAS: z.string(),
  CLAIMLINE_DB_REPLICA_MAX_LAG_MS: whole(0),
  PORT: whole(0, 65535),
  GATEWAY_PORT: whole(0, 65535),
  CLAIMLINE_WORKERS: z.union([z.literal('auto'), whole(1, 64)], { error: 'use auto (one per core, at most 4) or a whole number from 1 to 64' }),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
  HOST: z.string().min(1),
  CLAIMLINE_CORS_ORIGINS: z.string(),
  CLAIMLINE_SHUTDOWN_SECONDS: whole(0, 3600),
  CLAIMLINE_TRUST_PROXY: flag,
  CLAIMLINE_MAX_BODY_BYTES: whole(1),
  CLAIMLINE_MAX_TOKENS: whole(1),
  CLAIMLINE_MAX_DEPTH: whole(1),
  CLAIMLINE_MAX_ALIASES: whole(0),
  CLAIMLINE_MAX_DIRECTIVES: whole(0),
  CLAIMLINE_MAX_COST: whole(1),
  CLAIMLINE_MAX_LIST_ITEMS: whole(1),
  CLAIMLINE_MAX_STRING_LENGTH: whole(1),
  CLAIMLINE_TIMEOUT_MS: whole(1),
  CLAIMLINE_AS_OF_MAX_ROW_CHANGES: whole(0),
  CLAIMLINE_SUBSCRIPTION_BACKLOG: whole(1),
  CLAIMLINE_RATE_LIMIT_POINTS: whole(0),
  CLAIMLINE_RATE_LIMIT_WINDOW_SECONDS: whole(1),
} as const;
type Variable = keyof typeof VARIABLES;

/** The documented variables, for the README's table and `claimline --help` (a test keeps them in step). */
export const CONFIG_VARIABLES = Object.keys(VARIABLES) as Variable[];

function read<V extends Variable>(env: NodeJS.ProcessEnv, name: V): z.infer<(typeof VARIABLES)[V]> | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  const parsed = VARIABLES[name].safeParse(raw.trim());
  if (!parsed.success) throw new InputError([name], `"${raw}" is not valid: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return parsed.data as z.infer<(typeof VARIABLES)[V]>;
}

/** The server's settings from the environment, with the defaults the README lists. */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const cors = read(env, 'CLAIMLINE_CORS_ORIGINS');
  const origins = cors === undefined || cors === '*' ? '*' : cors === 'none' ? [] : cors.split(',').map((o) => o.trim()).filter(Boolean);
  for (const origin of origins === '*' ? [] : origins) {
    if (!/^https?:\/\/[^/\s]+$/.test(origin)) throw new InputError(['CLAIMLINE_CORS_ORIGINS'], `"${origin}" is not an origin such as https://timeline.example.org`);
  }
  const limits: Limits = {
    bodyBytes: read(env, 'CLAIMLINE_MAX_BODY_BYTES') ?? DEFAULT_LIMITS.bodyBytes,
    tokens: read(env, 'CLAIMLINE_MAX_TOKENS') ?? DEFAULT_LIMITS.tokens,
    depth: read(env, 'CLAIMLINE_MAX_DEPTH') ?? DEFAULT_LIMITS.depth,
    aliases: read(env, 'CLAIMLINE_MAX_ALIASES') ?? DEFAULT_LIMITS.aliases,
    directives: read(env, 'CLAIMLINE_MAX_DIRECTIVES') ?? DEFAULT_LIMITS.directives,
    cost: read(env, 'CLAIMLINE_MAX_COST') ?? DEFAULT_LIMITS.cost,
    listItems: read(env, 'CLAIMLINE_MAX_LIST_ITEMS') ?? DEFAULT_LIMITS.listItems,
    stringLength: read(env, 'CLAIMLINE_MAX_STRING_LENGTH') ?? DEFAULT_LIMITS.stringLength,
    timeoutMs: read(env, 'CLAIMLINE_TIMEOUT_MS') ?? DEFAULT_LIMITS.timeoutMs,
    asOfRowChanges: read(env, 'CLAIMLINE_AS_OF_MAX_ROW_CHANGES') ?? DEFAULT_LIMITS.asOfRowChanges,
    subscriptionBacklog: read(env, 'CLAIMLINE_SUBSCRIPTION_BACKLOG') ?? DEFAULT_LIMITS.subscriptionBacklog,
    ratePoints: read(env, 'CLAIMLINE_RATE_LIMIT_POINTS') ?? DEFAULT_LIMITS.ratePoints,
    rateWindowMs: (read(env, 'CLAIMLINE_RATE_LIMIT_WINDOW_SECONDS') ?? DEFAULT_LIMITS.rateWindowMs / 1000) * 1000,
  };
  const database = read(env, 'CLAIMLINE_DB') ?? 'claimline.db';
  const replicas = (read(env, 'CLAIMLINE_DB_REPLICAS') ?? '').split(',').map((u) => u.trim()).filter(Boolean);
  for (const url of replicas) {
    if (!isPostgresUrl(url)) throw new InputError(['CLAIMLINE_DB_REPLICAS'], `"${redacted(url)}" is not a PostgreSQL URL (postgres://user@host:port/name)`);
  }
  if (replicas.length && !isPostgresUrl(database)) throw new InputError(['CLAIMLINE_DB_REPLICAS'], 'read replicas are PostgreSQL standbys: CLAIMLINE_DB must name their primary (postgres://…)');
  return {
    database,
    replicas: { urls: replicas, maxLagMs: read(env, 'CLAIMLINE_DB_REPLICA_MAX_LAG_MS') ?? 5_000 },
    port: read(env, 'PORT') ?? 4000,
    host: read(env, 'HOST') ?? '127.0.0.1',
    corsOrigins: origins,
    shutdownSeconds: read(env, 'CLAIMLINE_SHUTDOWN_SECONDS') ?? 10,
    trustProxy: read(env, 'CLAIMLINE_TRUST_PROXY') ?? false,
    logLevel: read(env, 'LOG_LEVEL') ?? 'info',
    gatewayPort: read(env, 'GATEWAY_PORT') ?? 4100,
    workers: workersFor(read(env, 'CLAIMLINE_WORKERS') ?? 'auto', read(env, 'CLAIMLINE_DB') ?? 'claimline.db'),
    limits,
  };
}

/** `auto`: one server process per core, at most 4; one for an in-memory database, which processes cannot share. */
function workersFor(given: 'auto' | number, database: string): number {
  if (database === ':memory:') return 1;
  return given === 'auto' ? Math.min(availableParallelism(), 4) : given;
}

/** The settings as the start-up line prints them (nothing here is secret; keys live in the database). */
export function describeConfig(config: ServerConfig): string {
  const l = config.limits;
  const cors = config.corsOrigins === '*' ? 'any origin, without credentials' : config.corsOrigins.length ? config.corsOrigins.join(', ') : 'none';
  return [
    `database ${redacted(config.database)}${config.replicas.urls.length ? `, reads on ${config.replicas.urls.map(redacted).join(', ')} (at most ${config.replicas.maxLagMs} ms behind)` : ''}`,
    `${config.workers} ${config.workers === 1 ? 'process' : 'processes'}`,
    `log level ${config.logLevel}`,
    `CORS ${cors}`,
    `limits: body ${l.bodyBytes.toLocaleString('en')} bytes, ${l.tokens.toLocaleString('en')} tokens, depth ${l.depth}, ${l.aliases} aliases, ${l.directives} directives, cost ${l.cost.toLocaleString('en')}, lists ${l.listItems}, strings ${l.stringLength.toLocaleString('en')}, ${l.timeoutMs.toLocaleString('en')} ms, as-of ${l.asOfRowChanges.toLocaleString('en')} row changes, subscription backlog ${l.subscriptionBacklog.toLocaleString('en')}`,
    l.ratePoints ? `rate ${l.ratePoints.toLocaleString('en')} points per ${l.rateWindowMs / 1000} s per key or address` : 'rate limiting off',
  ].join('; ');
}
