import cluster from 'node:cluster';
import { randomUUID } from 'node:crypto';
import { accessSync, constants, existsSync, readFileSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { usePrometheus } from '@graphql-yoga/plugin-prometheus';
import { getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Logger } from 'pino';
import { Counter, Gauge, Registry } from 'prom-client';
import type { Db } from '../db/client.ts';
import { migrationState } from '../db/client.ts';
import { importProgressFile, type ImportProgress } from '../ingest/progress.ts';
import { workerMetrics } from './cluster-metrics.ts';
import type { Editor } from './editor.ts';
import { statementsTotal } from './log.ts';

// What an operator needs of a running server: /health (the process answers), /ready (the
// database is open, migrated and writable), /metrics (Prometheus), and one log line per request
// with its id, operation, duration, SQL statements, cost, status and error codes.

export interface OperationsOptions {
  db: Db;
  editor: Editor;
  logger?: Logger;
  /** The SQL statements a request has run so far (src/db/statements.ts: forRequest). */
  statementsOf?: (request: Request) => number | undefined;
}

interface RequestInfo {
  id: string;
  started: number;
  operation?: string;
  cost?: number;
  errors: string[];
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/**
 * Whether the database is open, at the latest migration and writable; the reason when not. A hot
 * standby is ready as it is: it serves the reads it is there for, and its `writable` says where writes go.
 */
export function readiness(db: Db): { ready: boolean; checks: Record<string, boolean | string> } {
  const checks: Record<string, boolean | string> = {};
  try {
    db.$client.prepare('SELECT 1').get();
    checks.open = true;
  } catch (error) {
    checks.open = error instanceof Error ? error.message : String(error);
  }
  const migrations = checks.open === true ? migrationState(db) : null;
  checks.migrated = migrations === null ? 'not open' : migrations.applied === migrations.known || `${migrations.applied} of ${migrations.known} migrations applied`;
  const file = db.$client.name;
  try {
    if (db.$client.readonly) throw new Error(db.$engine === 'postgres' ? 'a hot standby (read-only): writes go to its primary' : 'opened read-only');
    if (db.$engine === 'sqlite' && !db.$client.memory) for (const path of [file, dirname(file)]) accessSync(path, constants.W_OK);
    checks.writable = true;
  } catch (error) {
    checks.writable = error instanceof Error ? error.message : String(error);
  }
  return { ready: checks.open === true && checks.migrated === true && (checks.writable === true || db.$client.readonly), checks };
}

/** The import running against the database, as its progress file tells (written by `claimline import`). */
function runningImport(db: Db): ImportProgress | null {
  if (db.$client.memory) return null;
  const file = importProgressFile(db.$client.name);
  if (!existsSync(file)) return null;
  try {
    const progress = JSON.parse(readFileSync(file, 'utf8')) as ImportProgress;
    process.kill(progress.pid, 0); // the importer is still running
    return progress;
  } catch {
    return null;
  }
}

/** The metrics of claimline itself, beside yoga's request metrics, in one registry per app. */
function claimlineMetrics(registry: Registry, db: Db, editor: Editor) {
  let counted = statementsTotal();
  const statements = new Counter({
    name: 'claimline_sql_statements_total',
    help: 'SQL statements run by this process.',
    registers: [registry],
    collect() {
      const now = statementsTotal();
      this.inc(now - counted);
      counted = now;
    },
  });
  const errors = new Counter({ name: 'claimline_graphql_errors_total', help: 'GraphQL errors answered, by extensions.code.', labelNames: ['code'], registers: [registry] });
  new Gauge({ name: 'claimline_subscribers', help: 'Live subscriptions open.', registers: [registry], collect() { this.set(editor.subscribers); } });
  const size = (path: string) => (existsSync(path) ? statSync(path).size : 0);
  new Gauge({
    name: 'claimline_database_bytes',
    help: 'Size of the database file and of its write-ahead log (on PostgreSQL, of the database as the server gives it).',
    labelNames: ['file'],
    registers: [registry],
    aggregator: 'first',
    collect() {
      if (db.$client.memory) return;
      // PostgreSQL's files are the server's: the size it gives of the database (its WAL is its own).
      if (db.$engine === 'postgres') return this.set({ file: 'database' }, db.$client.prepare('SELECT pg_database_size(current_database())').pluck().get() as number);
      this.set({ file: 'database' }, size(db.$client.name));
      this.set({ file: 'wal' }, size(`${db.$client.name}-wal`));
    },
  });
  const progress = (name: string, help: string, of: (p: ImportProgress) => number) =>
    new Gauge({
      name,
      help,
      labelNames: ['format', 'file'],
      registers: [registry],
      aggregator: 'first',
      collect() {
        this.reset();
        const running = runningImport(db);
        if (running) this.set({ format: running.format, file: running.file }, of(running));
      },
    });
  progress('claimline_import_rows', 'Rows read so far by the import running against this database (none when no import runs).', (p) => p.rows);
  progress('claimline_import_bytes', 'Bytes read so far by the running import.', (p) => p.bytes);
  progress('claimline_import_total_bytes', 'Size of the running import’s file (0 when read from standard input).', (p) => p.totalBytes ?? 0);
  void statements;
  return { errors };
}

/** /health, /ready, /metrics and request logs. */
export function operations({ db, editor, logger, statementsOf = () => undefined }: OperationsOptions): Plugin[] {
  const registry = new Registry();
  const { errors } = claimlineMetrics(registry, db, editor);
  const scrapeAll = cluster.isWorker ? workerMetrics(registry) : null;
  const info = new WeakMap<Request, RequestInfo>();
  const routes: Plugin = {
    onRequest({ request, url, endResponse, fetchAPI }) {
      const given = request.headers.get('x-request-id');
      info.set(request, { id: given && REQUEST_ID.test(given) ? given : randomUUID(), started: performance.now(), errors: [] });
      const json = (body: object, status = 200) => new fetchAPI.Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' } });
      if (url.pathname === '/health') {
        endResponse(json({ status: 'ok' }));
      } else if (url.pathname === '/ready') {
        const { ready, checks } = readiness(db);
        endResponse(json({ status: ready ? 'ready' : 'not ready', checks }, ready ? 200 : 503));
      } else if (url.pathname === '/metrics' && scrapeAll) {
        // One of several server processes: the answer covers them all.
        return scrapeAll().then(
          (text) => endResponse(new fetchAPI.Response(text, { headers: { 'content-type': registry.contentType } })),
          (error: Error) => endResponse(json({ error: error.message }, 503)),
        );
      }
    },
    onExecute({ args }) {
      const request = (args.contextValue as { request?: Request }).request;
      const entry = request && info.get(request);
      if (entry) entry.operation = args.operationName ?? getOperationAST(args.document, undefined)?.name?.value;
    },
    onResultProcess({ request, result }) {
      // The result as answered: with its cost, and with refusals made before execution.
      const entry = info.get(request);
      if (!entry || Array.isArray(result) || Symbol.asyncIterator in (result as object)) return;
      const done = result as { errors?: readonly { extensions?: { code?: unknown } }[]; extensions?: { cost?: { actualQueryCost?: number } } };
      entry.cost = done.extensions?.cost?.actualQueryCost;
      for (const e of done.errors ?? []) entry.errors.push(String(e.extensions?.code ?? 'INTERNAL'));
    },
    onResponse({ request, response }) {
      const entry = info.get(request);
      if (!entry) return;
      response.headers.set('x-request-id', entry.id);
      for (const code of entry.errors) errors.inc({ code });
      const url = new URL(request.url);
      if (!logger || url.pathname === '/health' || url.pathname === '/metrics' || url.pathname.startsWith('/graphiql-assets/')) return;
      logger.info(
        {
          request: entry.id,
          method: request.method,
          path: url.pathname,
          operation: entry.operation,
          status: response.status,
          ms: Math.round((performance.now() - entry.started) * 10) / 10,
          statements: statementsOf(request),
          cost: entry.cost,
          errors: entry.errors.length ? entry.errors : undefined,
        },
        'request',
      );
    },
  };
  return [
    routes,
    usePrometheus({
      registry,
      endpoint: '/metrics',
      metrics: {
        graphql_yoga_http_duration: true,
        graphql_envelop_request: true,
        graphql_envelop_request_duration: true,
        graphql_envelop_error_result: true,
        graphql_envelop_phase_parse: false,
        graphql_envelop_phase_validate: false,
        graphql_envelop_phase_context: false,
        graphql_envelop_phase_execute: false,
        graphql_envelop_phase_subscribe: false,
        graphql_envelop_request_time_summary: false,
        graphql_envelop_deprecated_field: false,
        graphql_envelop_schema_change: false,
      },
    }),
  ];
}
