import cluster, { type Worker } from 'node:cluster';
import { once } from 'node:events';
import { createReadStream, existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { text } from 'node:stream/consumers';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError, Option } from 'commander';
import type { Logger } from 'pino';
import type { Db } from '../db/client.ts';
import type { ImportReport } from '../ingest/import.ts';
import type { ImportJob, WorkerMessage } from './import-worker.ts';
import { InputError } from '../domain/errors.ts';
import { FILTER_PARAMS } from '../domain/filter-params.ts';
import type { listen as Listen } from '../server/http.ts';
import { endpoint } from '../server/endpoint.ts';
import { writeJson } from './json-out.ts';
import { clusterShare, isSpending, type SpendingShare } from '../server/rate-limit.ts';
import type { PgClient } from '../db/postgres.ts';

// Commands load what they use when they run: help, the version and a usage error answer at once.
const httpServer = () => import('../server/http.ts');
const bundles = () => import('../domain/bundle.ts');
const exporters = () => import('../export/formats.ts');
const apiKeys = () => import('../domain/keys.ts');
const matching = () => import('../domain/matching.ts');
// The export formats, for help and for checking --format before anything runs.
const EXPORT_FORMATS = ['timelinejs', 'graphml', 'csv', 'jsonld', 'annotations', 'bundle'];
import { CONFIG_VARIABLES, configFromEnv, describeConfig, type ServerConfig } from '../server/config.ts';
import { countStatement, createLogger } from '../server/log.ts';

// The claimline command (commander): help on every command and subcommand, which never acts;
// --version; "did you mean" for a misspelt command or option; exit 2 for a usage error and 1 for
// a failure, each a one-line message without a stack trace.

const ROOT = new URL('../../', import.meta.url);
const SEED_BUNDLE = fileURLToPath(new URL('seeds/article-2017-10-11/bundle.json', ROOT));
const VERSION = (JSON.parse(readFileSync(new URL('package.json', ROOT), 'utf8')) as { version: string }).version;
const IMPORT_FORMATS = ['gdelt-events', 'gdelt-mentions', 'plover', 'claimreview', 'acled', 'bundle'];

/** A mistake in how the command was called: exit 2, like commander's own. */
class UsageError extends Error {}

const count = (n: number) => n.toLocaleString('en');

async function database(config: ServerConfig = configFromEnv(), logged = false): Promise<Db> {
  const { openDb } = await import('../db/open.ts');
  return openDb(config.database, logged ? countStatement : undefined);
}

/** Removes an SQLite file of the command's own making, with its write-ahead log and shared memory. */
const removeSqliteFile = (file: string) => {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
};

/** A file to read, refused in one line when it is not there. */
function readable(file: string): string {
  if (file !== '-' && (!existsSync(file) || statSync(file).isDirectory())) throw new Error(`no such file: ${file}`);
  return file;
}

/**
 * On SIGTERM or SIGINT, runs `stop` once and exits: 0 when it finished within the deadline, 1
 * when the deadline cut it short. A second signal a second or more later exits at once (npm
 * and a terminal may both deliver the first one, together).
 */
function onShutdown(log: Logger, seconds: number, stop: () => Promise<boolean>): void {
  let stoppingSince: number | null = null;
  const handler = (signal: NodeJS.Signals) => {
    if (stoppingSince !== null) {
      if (Date.now() - stoppingSince >= 1000) process.exit(1);
      return;
    }
    stoppingSince = Date.now();
    log.info({ signal }, `${signal}: stopping (finishing requests in progress, at most ${seconds} s)`);
    const force = setTimeout(() => {
      log.error(`still busy after ${seconds} s: exiting`);
      process.exit(1);
    }, seconds * 1000 + 1000);
    force.unref();
    stop().then(
      (inTime) => {
        log.info(inTime ? 'stopped' : 'stopped, cutting the connections still open at the deadline');
        process.exit(inTime ? 0 : 1);
      },
      (error: unknown) => {
        log.error(error instanceof Error ? error.message : String(error));
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
}

/** Seeds a database that holds no sources yet: the first start. Later starts reuse the data as it is. */
async function seedIfEmpty(db: Db): Promise<boolean> {
  if (db.$client.prepare('SELECT 1 FROM sources LIMIT 1').get()) return false;
  const { loadBundle, readBundleFile } = await bundles();
  loadBundle(db, readBundleFile(SEED_BUNDLE));
  return true;
}

/**
 * `claimline serve`: one process, or a primary that forks CLAIMLINE_WORKERS server processes
 * sharing the port, one connection each to the one file (SQLite's locks queue their writes; live
 * updates cross between them through the database). The first worker migrates and seeds the
 * database before it listens; the primary restarts a worker that dies, and on SIGTERM stops them
 * all within the deadline.
 */
async function serve(): Promise<void> {
  const config = configFromEnv();
  if (cluster.isWorker) {
    // The first worker prepares the database (the others start once it serves); the primary announces the address.
    const first = cluster.worker!.id === 1;
    // On PostgreSQL each worker shares its spending through the database, as any server there does.
    const { isPostgresUrl } = await import('../db/postgres.ts');
    return serveRequests(config, createLogger(config.logLevel).child({ worker: cluster.worker!.id }), { prepare: first, announce: false, spending: isPostgresUrl(config.database) ? undefined : clusterShare() });
  }
  const log = createLogger(config.logLevel);
  if (config.workers === 1) return serveRequests(config, log, { prepare: true, announce: true });
  let stopping = false;
  const workers = () => Object.values(cluster.workers ?? {}).filter((w) => w !== undefined);
  const stopAll = () => {
    stopping = true;
    for (const w of workers()) w.process.kill('SIGTERM');
  };
  // The first worker starts at once, migrates and seeds, and the address is announced when it
  // listens (a cold start costs what one process's does); the others start then, and join as they are ready.
  const listened = new Set<number>();
  cluster.on('listening', (worker, address) => {
    listened.add(worker.id);
    if (listened.size === 1) {
      const shown = endpoint(address.address, address.port);
      log.info({ address: shown.address }, `listening on ${shown.address}; GraphiQL at ${shown.url}`);
      for (let i = 1; i < config.workers; i += 1) cluster.fork();
    }
    if (listened.size === config.workers) log.info({ workers: config.workers }, `${config.workers} processes serving`);
  });
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    // A worker that could not start (the port is taken, the database unreadable) would fail again.
    if (!listened.has(worker.id)) {
      log.error({ worker: worker.id, code, signal }, `worker ${worker.id} exited (${signal ?? code}) before serving: stopping`);
      stopAll();
      process.exitCode = 1;
      return;
    }
    log.error({ worker: worker.id, code, signal }, `worker ${worker.id} exited (${signal ?? code}): starting another`);
    cluster.fork();
  });
  // Rate limits are one budget per client across the workers: each one's spending reaches the others.
  cluster.on('message', (from, message) => {
    if (isSpending(message)) for (const w of workers()) if (w !== from && w.isConnected()) w.send(message);
  });
  cluster.fork();
  // Loaded once the first worker is starting: scrapes can come only after it serves.
  (await import('../server/cluster-metrics.ts')).answerScrapes(() => workers().filter((w) => listened.has(w.id) && w.isConnected()));
  onShutdown(log, config.shutdownSeconds, async () => {
    stopping = true;
    const running = workers();
    // A worker still starting has nothing in progress: SIGTERM ending it is a clean stop.
    const clean = (w: Worker, code: number | null, signal: string | null) => code === 0 || (!listened.has(w.id) && signal === 'SIGTERM');
    const exits = running.map((w) => new Promise<boolean>((resolve) => (w.isDead() ? resolve(true) : w.once('exit', (code, signal) => resolve(clean(w, code, signal))))));
    for (const w of running) w.process.kill('SIGTERM');
    return (await Promise.all(exits)).every(Boolean);
  });
}

/**
 * Serves requests in this process, over its own connection to the database; `prepare`: first
 * migrates and seeds it, and logs the database and the settings; `announce`: logs the address.
 */
async function serveRequests(config: ServerConfig, log: Logger, { prepare, announce, spending }: { prepare: boolean; announce: boolean; spending?: SpendingShare }): Promise<void> {
  const { isPostgresUrl, redacted } = await import('../db/postgres.ts');
  const onPostgres = isPostgresUrl(config.database);
  const fresh = !onPostgres && (config.database === ':memory:' || !existsSync(config.database));
  const db = await database(config, true);
  const seeded = prepare && (await seedIfEmpty(db));
  if (prepare) {
    const named = onPostgres ? redacted(config.database) : config.database;
    log.info({ database: named, created: fresh, seeded }, `database ${named} (${onPostgres ? 'PostgreSQL' : fresh ? 'created' : 'reused'}${seeded ? ', seeded with the article of 2017-10-11' : ''})`);
    log.info(describeConfig(config));
  }
  const { listen } = await httpServer();
  const replicas = config.replicas.urls.length ? new (await import('../db/replicas.ts')).ReadReplicas(db, config.replicas.urls, { maxLagMs: config.replicas.maxLagMs }) : undefined;
  // Every server over one primary, on any host, spends from one budget per client (a standby can neither notify nor listen).
  const shared = onPostgres && !db.$client.readonly && config.limits.ratePoints > 0
    ? (await import('../server/postgres-share.ts')).postgresShare((db.$client as unknown as PgClient).connection, (error) => log.warn({ err: error.message }, `rate-limit spending not shared: ${error.message}`))
    : undefined;
  const listening = await listen(db, config.port, config.host, { limits: config.limits, corsOrigins: config.corsOrigins, trustProxy: config.trustProxy, logger: log, spending: shared ?? spending, replicas, changeNotices: onPostgres });
  if (announce) log.info({ address: listening.address }, `listening on ${listening.address}; GraphiQL at ${listening.url}`);
  onShutdown(log, config.shutdownSeconds, async () => {
    const inTime = await listening.close(config.shutdownSeconds * 1000);
    shared?.close();
    db.$client.close();
    return inTime;
  });
}

async function gateway(specs: string[]): Promise<void> {
  const subgraphs = specs.map((spec) => {
    const [, name, url] = spec.match(/^([A-Za-z_][A-Za-z0-9_-]*)=(https?:\/\/.+)$/) ?? [];
    if (!name || !url) throw new UsageError(`--subgraph: "${spec}" is not NAME=URL (e.g. reviews=http://localhost:4002/graphql)`);
    return { name, url };
  });
  const config = configFromEnv();
  const log = createLogger(config.logLevel).child({ component: 'gateway' });
  let embedded: { db: Db; listening: Awaited<ReturnType<typeof Listen>> } | null = null;
  const stopEmbedded = async () => {
    const inTime = embedded ? await embedded.listening.close(config.shutdownSeconds * 1000) : true;
    embedded?.db.$client.close();
    return inTime;
  };
  if (!subgraphs.some((s) => s.name === 'claimline')) {
    const db = await database(config, true);
    await seedIfEmpty(db);
    const { listen } = await httpServer();
    embedded = { db, listening: await listen(db, 0, '127.0.0.1', { limits: config.limits, logger: log }) };
    subgraphs.unshift({ name: 'claimline', url: embedded.listening.url });
  }
  const { composeSupergraph, createGateway } = await import('../server/gateway.ts');
  let supergraph: string;
  try {
    supergraph = await composeSupergraph(subgraphs, { onRetry: (error, attempt, wait) => log.warn({ attempt }, `${error.message}; trying again in ${wait / 1000} s`) });
  } catch (error) {
    await stopEmbedded();
    throw error;
  }
  const runtime = createGateway(supergraph);
  const server = createServer(runtime);
  await new Promise<void>((resolve) => server.listen(config.gatewayPort, config.host, resolve));
  for (const s of subgraphs) log.info({ subgraph: s.name, url: s.url }, `subgraph ${s.name} at ${s.url}`);
  log.info(`supergraph at http://localhost:${(server.address() as AddressInfo).port}/graphql`);
  onShutdown(log, config.shutdownSeconds, async () => {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    await runtime.dispose();
    const inTime = await stopEmbedded();
    server.closeAllConnections();
    await closed;
    return inTime;
  });
}

/**
 * The heap of an import of rows (GDELT's and ACLED's tables), in MiB: enough for a batch in
 * flight, so that a million rows import within 256 MiB of memory (243 MiB measured by `npm run bench:import`).
 * JSON formats keep V8's own bound: one JSON document (a ClaimReview @graph) is parsed whole.
 */
const ROW_IMPORT_HEAP = { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 8 };
const ROW_FORMATS = new Set(['gdelt-events', 'gdelt-mentions', 'acled']);

/** Runs an import in a worker thread (src/cli/import-worker.ts); standard input is relayed to it. */
async function importInWorker(job: ImportJob): Promise<ImportReport> {
  const { Worker } = await import('node:worker_threads');
  const worker = new Worker(new URL(`./import-worker.${import.meta.url.endsWith('.ts') ? 'ts' : 'js'}`, import.meta.url), {
    workerData: job,
    stdin: job.file === '-',
    ...(ROW_FORMATS.has(job.format) ? { resourceLimits: ROW_IMPORT_HEAP } : {}),
  });
  if (job.file === '-') process.stdin.pipe(worker.stdin!);
  try {
    return await new Promise((resolve, reject) => {
      // Progress, then the outcome, in the order the worker sent them.
      worker.on('message', (message: WorkerMessage) => {
        if ('progress' in message) process.stderr.write(message.progress);
        else if ('report' in message) resolve(message.report);
        else reject(new Error(message.error));
      });
      worker.once('error', (error: Error & { code?: string }) =>
        reject(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? new Error(`the import needed more than its ${ROW_IMPORT_HEAP.maxOldGenerationSizeMb} MiB of heap: ${error.message}`) : error),
      );
      worker.once('exit', (code) => reject(new Error(`the import stopped (exit ${code}) before it reported`)));
    });
  } finally {
    // An aborted import leaves the rest of its input unread: neither thread waits for it.
    if (job.file === '-') process.stdin.unpipe(worker.stdin!).destroy();
    await worker.terminate();
  }
}

/** A probability given on the command line. */
function probability(option: string, value: string): number {
  const p = Number(value);
  if (value.trim() === '' || !(p >= 0 && p <= 1)) throw new UsageError(`${option}: "${value}" is not a probability from 0 to 1`);
  return p;
}

async function resolve(options: { records: 'actors' | 'events'; minScore: string; reviewScore: string; dryRun?: boolean; decidedBy: string }): Promise<void> {
  const minScore = probability('--min-score', options.minScore);
  const reviewScore = probability('--review-score', options.reviewScore);
  if (reviewScore > minScore) throw new UsageError(`--review-score (${reviewScore}) is above --min-score (${minScore}): the pairs for review score below those decided`);
  if (!options.decidedBy.trim()) throw new UsageError('--decided-by: give who decides');
  const { resolveMatches } = await matching();
  const { globalId } = await import('../domain/global-id.ts');
  const db = await database();
  try {
    const actors = options.records === 'actors';
    if (!actors) console.error('resolve: the scores of events are not yet measured against labelled pairs (README: Who is who): read a --dry-run first');
    const report = resolveMatches(db, actors ? 'ACTOR' : 'EVENT', { minScore, reviewScore, dryRun: options.dryRun ?? false, decidedBy: options.decidedBy });
    const nameOf = db.$client.prepare(actors ? 'SELECT name FROM actors WHERE id = ?' : 'SELECT summary FROM items WHERE id = ?').pluck();
    const pair = (m: (typeof report.decided)[number]) => ({
      score: m.score,
      [options.records]: m.records.map((id) => ({ id: globalId(actors ? 'Actor' : 'Event', id), [actors ? 'name' : 'summary']: nameOf.get(id) as string })),
      evidence: m.evidence,
    });
    // Over a large record the report is longer than one string may be: written a pair at a time.
    await writeJson({ records: options.records, dryRun: options.dryRun ?? false, minScore, reviewScore, decidedBy: options.decidedBy, decided: report.decided.map(pair), alreadyOne: report.alreadyOne, review: report.review.map(pair) });
    console.error(
      `resolve: ${count(report.decided.length)} pairs of ${options.records} ${options.dryRun ? 'would be' : 'were'} decided the same (score at least ${minScore})${report.alreadyOne ? `, ${count(report.alreadyOne)} were one through those` : ''}; ${count(report.review.length)} left for review (from ${reviewScore})`,
    );
  } finally {
    db.$client.close();
  }
}

async function importFile(file: string, options: { format?: string; skipInvalid?: boolean; report?: string }): Promise<void> {
  if (!options.format) throw new UsageError(`--format is required: one of ${IMPORT_FORMATS.join(', ')}`);
  const { FORMATS } = await import('../ingest/import.ts');
  readable(file);
  if (options.format === 'bundle') {
    const db = await database();
    try {
      const { loadBundle, readBundleFile } = await bundles();
      const bundle = file === '-' ? JSON.parse(await text(process.stdin)) : readBundleFile(file);
      await writeJson(loadBundle(db, bundle));
    } finally {
      db.$client.close();
    }
    return;
  }
  if (!FORMATS[options.format]) throw new UsageError(`--format: unknown format "${options.format}": use one of ${IMPORT_FORMATS.join(', ')}`);
  const config = configFromEnv();
  if (config.database === ':memory:') throw new UsageError('CLAIMLINE_DB is :memory:: what an import wrote there would be gone when the command ends; name a database file');
  const size = file === '-' ? null : statSync(file).size;
  const skipInvalid = options.skipInvalid ?? false;
  // The worker opens the database (on PostgreSQL the libpq addon loads in one thread of a process: that one).
  const report = await importInWorker({ database: config.database, format: options.format, file, size, skipInvalid, tty: Boolean(process.stderr.isTTY) });
  const { created, updated, unchanged, unmatched } = report.outcomes;
  console.error(
    `import: ${count(created)} created, ${count(updated)} updated, ${count(unchanged)} unchanged${unmatched ? `, ${count(unmatched)} referring to records not in the database` : ''}, ${count(report.refused.length)} refused`,
  );
  if (report.refused.length) {
    const reportFile = options.report ?? (file === '-' ? 'refused.jsonl' : `${file}.refused.jsonl`);
    writeFileSync(reportFile, report.refused.map((r) => JSON.stringify({ file, ...r })).join('\n') + '\n');
    console.error(`import: the refused rows, with line, column and reason, are in ${reportFile}`);
  }
}

/** An export's filter options, named as the URL names its parameters, in kebab case (--actor-roles). */
const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
const camel = (name: string) => name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

async function exportItems(options: Record<string, string | undefined>): Promise<void> {
  if (!options.format) throw new UsageError(`--format is required: one of ${EXPORT_FORMATS.join(', ')}`);
  const given = Object.fromEntries(Object.entries(options).flatMap(([k, v]) => (v === undefined ? [] : [[camel(k), v]])));
  const { filterFromParams } = await import('../domain/filter.ts');
  let filter;
  try {
    filter = filterFromParams(given);
  } catch (error) {
    if (error instanceof InputError) throw new UsageError(`--${kebab(String(error.field[0] ?? ''))}: ${error.issues[0]?.message ?? error.message}`);
    throw error;
  }
  const asOf = given.asOf === undefined ? null : new Date(given.asOf);
  if (asOf && (!/^\d{4}-\d{2}-\d{2}T/.test(given.asOf!) || Number.isNaN(asOf.getTime()))) {
    throw new UsageError(`--as-of: "${given.asOf}" is not an instant: give a date and time, e.g. 2017-10-11T12:00:00Z`);
  }
  const { startExport } = await exporters();
  const { db, done } = asOf ? await databaseAsOf(asOf) : { db: await database(), done: () => undefined };
  try {
    const { chunks } = startExport(db, given.format!, filter, { type: given.type });
    for (const chunk of chunks) {
      if (!process.stdout.write(chunk)) await once(process.stdout, 'drain');
    }
  } catch (error) {
    if (error instanceof InputError) throw new UsageError(`--${kebab(String(error.field[0] ?? ''))}: ${error.issues[0]?.message ?? error.message}`);
    throw error;
  } finally {
    db.$client.close();
    done();
  }
}

/**
 * The database as it stood at an instant, for an export. On SQLite: the online backup into a
 * scratch file beside it (one read transaction: a running server's writers are never held),
 * rewound there through the history; `done` removes the copy. On PostgreSQL: the database itself,
 * rewound in a transaction that `done` rolls back; it holds the write lock meanwhile, as a
 * server's as-of read does (writers wait for the export).
 */
async function databaseAsOf(instant: Date): Promise<{ db: Db; done: () => void }> {
  const config = configFromEnv();
  if (config.database === ':memory:') throw new UsageError('--as-of needs a database file (CLAIMLINE_DB is :memory:)');
  const { rewindTo } = await import('../domain/changes.ts');
  const { transaction } = await import('../db/statements.ts');
  const { isPostgresUrl } = await import('../db/postgres.ts');
  if (isPostgresUrl(config.database)) {
    const db = await database(config);
    if (db.$client.readonly) {
      db.$client.close();
      throw new UsageError('--as-of rewinds the database in a transaction that is rolled back, which a read-only standby cannot run: CLAIMLINE_DB must name the primary');
    }
    try {
      transaction(db, 'BEGIN IMMEDIATE');
      rewindTo(db, instant);
    } catch (error) {
      db.$client.close();
      throw error;
    }
    return { db, done: () => undefined };
  }
  const copy = `${config.database}.as-of-${process.pid}`;
  const done = () => removeSqliteFile(copy);
  try {
    const source = await database(config);
    try {
      await source.$client.backup(copy, { progress: () => 2 ** 30 });
    } finally {
      source.$client.close();
    }
    const db = await database({ ...config, database: copy });
    transaction(db, 'BEGIN IMMEDIATE');
    rewindTo(db, instant);
    return { db, done };
  } catch (error) {
    done();
    throw error;
  }
}

async function backup(file: string): Promise<void> {
  const config = configFromEnv();
  if (config.database === ':memory:') throw new UsageError('CLAIMLINE_DB is :memory:: there is no database file to back up');
  if (existsSync(file)) throw new Error(`${file} exists: back up to a new file`);
  const started = Date.now();
  const { isPostgresUrl, redacted } = await import('../db/postgres.ts');
  if (isPostgresUrl(config.database)) {
    // The whole record from one snapshot of PostgreSQL (a primary or a standby) into a new SQLite file.
    const { copyToSqlite } = await import('../db/copy.ts');
    const { openDatabase } = await import('../db/client.ts');
    const db = await database(config);
    try {
      const target = openDatabase({ file });
      try {
        const report = copyToSqlite((db.$client as unknown as PgClient).connection, target);
        // One self-contained file, as SQLite's own backup writes (no write-ahead log beside it).
        target.$client.pragma('journal_mode = DELETE');
        const rows = Object.values(report.tables).reduce((a, b) => a + b, 0);
        console.error(`backup: ${redacted(config.database)} → ${file}: ${count(rows)} rows of ${Object.keys(report.tables).length} tables in ${report.seconds.toFixed(1)} s`);
      } finally {
        target.$client.close();
      }
    } catch (error) {
      removeSqliteFile(file);
      throw error;
    } finally {
      db.$client.close();
    }
    return;
  }
  const db = await database(config);
  try {
    // SQLite's online backup, all pages in one step: one read transaction, so the copy is the
    // database as committed when it started, whatever is written meanwhile.
    const { totalPages } = await db.$client.backup(file, { progress: () => 2 ** 30 });
    console.error(`backup: ${config.database} → ${file}: ${count(totalPages)} pages in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    db.$client.close();
  }
}

async function restore(file: string): Promise<void> {
  readable(file);
  const config = configFromEnv();
  if (config.database === ':memory:') throw new UsageError('CLAIMLINE_DB is :memory:: name the database file to restore into');
  const Database = (await import('better-sqlite3')).default;
  const { isPostgresUrl, redacted } = await import('../db/postgres.ts');
  const onPostgres = isPostgresUrl(config.database);
  // On PostgreSQL the backup is read from a scratch copy, brought to the current schema there (the backup itself is left as it is).
  const scratch = onPostgres ? `${file}.restore-${process.pid}` : config.database;
  try {
    const copy = new Database(file, { readonly: true, fileMustExist: true });
    try {
      const check = copy.pragma('integrity_check', { simple: true });
      if (check !== 'ok') throw new Error(`${file} fails SQLite's integrity check: ${String(check)}`);
      await copy.backup(scratch, { progress: () => 2 ** 30 });
    } finally {
      copy.close();
    }
    if (!onPostgres) {
      // A backup of an earlier version is brought to the current schema.
      (await database(config)).$client.close();
      console.error(`restore: ${file} → ${config.database}`);
      return;
    }
    const { openDatabase } = await import('../db/client.ts');
    const { copyRecord } = await import('../db/copy.ts');
    const source = openDatabase({ file: scratch });
    try {
      const target = await database(config);
      try {
        // Into an empty database only (createdb, or DROP DATABASE first): copyRecord refuses one that holds records.
        const report = copyRecord(source, (target.$client as unknown as PgClient).connection);
        const rows = Object.values(report.tables).reduce((a, b) => a + b, 0);
        console.error(`restore: ${file} → ${redacted(config.database)}: ${count(rows)} rows of ${Object.keys(report.tables).length} tables in ${report.seconds.toFixed(1)} s`);
      } finally {
        target.$client.close();
      }
    } finally {
      source.$client.close();
    }
  } finally {
    if (onPostgres) removeSqliteFile(scratch);
  }
}

async function copy(file: string, url: string): Promise<void> {
  const { isPostgresUrl, openPostgres, redacted } = await import('../db/postgres.ts');
  if (!isPostgresUrl(url)) throw new UsageError(`${url} is not a PostgreSQL URL (postgres://user@host:port/name)`);
  readable(file);
  const { openDatabase } = await import('../db/client.ts');
  const { copyRecord } = await import('../db/copy.ts');
  const source = openDatabase({ file });
  try {
    const target = openPostgres(url);
    try {
      const report = copyRecord(source, target);
      const rows = Object.values(report.tables).reduce((a, b) => a + b, 0);
      console.error(`copy: ${file} → ${redacted(url)}: ${count(rows)} rows of ${Object.keys(report.tables).length} tables in ${report.seconds.toFixed(1)} s`);
      await writeJson(report);
    } finally {
      target.close();
    }
  } finally {
    source.$client.close();
  }
}

function program(): Command {
  const cli = new Command('claimline')
    .description('A GraphQL API over a linked timeline of conflict reporting.')
    .version(VERSION, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help for a command (it then does nothing else)')
    .showSuggestionAfterError()
    .showHelpAfterError('(claimline --help lists the commands)')
    .exitOverride()
    .configureOutput({ outputError: (message, write) => write(message.replace(/^error: /, 'claimline: ')) })
    .addHelpText(
      'after',
      `\nEnvironment (README: Configuration): ${CONFIG_VARIABLES.join(', ')}.\nThe database is CLAIMLINE_DB (default ./claimline.db).`,
    );

  cli.command('serve').description('serve GraphiQL and the API; creates, migrates and seeds the database on first start').action(serve);
  cli.command('migrate').description('create or migrate the database (an SQLite file or a PostgreSQL URL), then exit').action(async () => {
    (await database()).$client.close();
    console.log('claimline: database is at the latest schema');
  });
  cli
    .command('copy')
    .description('copy a whole record (history and API keys included) from an SQLite file into an empty PostgreSQL database, in one transaction')
    .argument('<file>', 'the SQLite database file')
    .argument('<url>', 'the PostgreSQL database, postgres://user@host:port/name (migrated first)')
    .action(copy);
  cli
    .command('seed')
    .description('load a bundle (default: the seed article) in one transaction; loading twice changes nothing')
    .argument('[bundle]', 'a bundle file (seeds/README.md)')
    .action(async (bundle?: string) => {
      const { loadBundle, readBundleFile } = await bundles();
      const db = await database();
      try {
        await writeJson(loadBundle(db, readBundleFile(readable(bundle ?? SEED_BUNDLE))));
      } finally {
        db.$client.close();
      }
    });
  cli
    .command('import')
    .description('import a file (or standard input) in one transaction; re-importing changes nothing, an updated file updates what changed')
    .argument('<file>', 'the file, or - for standard input')
    .addOption(new Option('--format <format>', 'the input format (required)').choices(IMPORT_FORMATS))
    .option('--skip-invalid', 'import the good rows and write the refused ones (line, column, reason) to FILE.refused.jsonl')
    .option('--report <file>', 'where --skip-invalid writes the refused rows')
    .action(importFile);
  const exporting = cli
    .command('export')
    .description('write the items matching a filter (all when none) to standard output, streamed as read')
    .addOption(new Option('--format <format>', 'the output format (required)').choices(EXPORT_FORMATS))
    .option('--type <type>', 'with csv: the record type (items, actors, places, sources, quotes, links, citations, participants, accused, item_places, gdelt, acled)')
    .option('--as-of <instant>', 'the record as it stood at this instant (e.g. 2017-10-11T12:00:00Z), from a copy of the database rewound through its history');
  for (const name of FILTER_PARAMS) exporting.option(`--${kebab(name)} <value>`, `filter: ${name}, as GET /export/FORMAT?${name}= takes it`);
  exporting.action(exportItems);
  cli
    .command('gateway')
    .description('serve a Hive Gateway over claimline (started in-process unless a subgraph is named claimline) and the other subgraphs given')
    .option('--subgraph <name=url>', 'a subgraph to compose, e.g. reviews=http://localhost:4002/graphql (repeatable)', (value: string, all: string[] = []) => [...all, value])
    .action((options: { subgraph?: string[] }) => gateway(options.subgraph ?? []));
  cli
    .command('resolve')
    .description('decide the candidate matches of actors (actorMatches) or events (eventMatches) above a score as same-as decisions, in one change; report them and the pairs left for review')
    .addOption(new Option('--records <records>', 'what to resolve').choices(['actors', 'events']).default('actors'))
    .option('--min-score <p>', 'decide the pairs at least this probable', '0.95')
    .option('--review-score <p>', 'report the pairs at least this probable (and below --min-score) for a person to decide', '0.5')
    .option('--dry-run', 'report what would be decided, and decide nothing')
    .option('--decided-by <name>', 'who decides, as the decisions and history name it', 'claimline resolve')
    .action(resolve);
  const keys = cli.command('keys').description('manage API keys (only a hash of each key is stored)');
  keys
    .command('create')
    .description('create an API key; it is printed once')
    .requiredOption('--name <name>', 'the key’s name')
    .option('--scopes <scopes>', 'comma-separated scopes', 'write')
    .action(async (options: { name: string; scopes: string }) => {
      const { createKey } = await apiKeys();
      const db = await database();
      try {
        console.log(createKey(db, options.name, options.scopes.split(',').map((s) => s.trim())));
        console.error(`claimline: key "${options.name}" created; it is shown only this once (only its hash is stored). Send it as "Authorization: Bearer <key>".`);
      } finally {
        db.$client.close();
      }
    });
  keys
    .command('list')
    .description('list the keys: name, scopes, created, revoked')
    .action(async () => {
      const { listKeys } = await apiKeys();
      const db = await database();
      try {
        for (const k of listKeys(db)) console.log(`${k.name}\t${k.scopes.join(',')}\tcreated ${k.createdAt}\t${k.revokedAt ? `revoked ${k.revokedAt}` : 'active'}`);
      } finally {
        db.$client.close();
      }
    });
  keys
    .command('revoke')
    .description('revoke a key: its writes are refused from then on')
    .argument('<name>', 'the key’s name')
    .action(async (name: string) => {
      const { revokeKey } = await apiKeys();
      const db = await database();
      try {
        revokeKey(db, name);
        console.log(`claimline: key "${name}" revoked`);
      } finally {
        db.$client.close();
      }
    });
  cli
    .command('schema')
    .description('print the GraphQL SDL (checked in as schema/schema.graphql)')
    .option('--subgraph', 'print the federation subgraph SDL instead (schema/subgraph.graphql)')
    .action(async (options: { subgraph?: boolean }) => {
      const { printedSchema, printedSubgraphSchema } = await import('../graphql/print.ts');
      process.stdout.write(options.subgraph ? printedSubgraphSchema() : printedSchema());
    });
  cli
    .command('backup')
    .description('write a consistent copy of the database to a new SQLite file while it serves and writes (SQLite online backup; on PostgreSQL, one snapshot of a primary or standby)')
    .argument('<file>', 'the backup file to create')
    .action(backup);
  cli
    .command('restore')
    .description('replace the database with a backup (checked first, then migrated); stop the server first. On PostgreSQL, into an empty database')
    .argument('<file>', 'the backup file')
    .action(restore);
  return cli;
}

try {
  await program().parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // Help and the version exit 0; any other commander error is a usage error (already printed).
    process.exitCode = error.exitCode === 0 ? 0 : 2;
  } else {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`claimline: ${message}`);
    process.exitCode = error instanceof UsageError || (error instanceof InputError && /^--/.test(message)) ? 2 : 1;
  }
}
// A worker that failed leaves: its IPC channel to the primary would keep it alive.
if (cluster.isWorker && process.exitCode) process.exit();
