import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { createYoga, type Plugin } from 'graphql-yoga';
import type { Db } from '../db/client.ts';
import { forRequest, type RequestUse } from '../db/statements.ts';
import { typedInputErrors } from '../graphql/errors.ts';
import { schema } from '../graphql/schema.ts';
import { asOfReads } from './as-of.ts';
import type { ReadReplicas } from '../db/replicas.ts';
import { replicaReads } from './replica-reads.ts';
import { compiledQueries } from './compiled.ts';
import { DEFAULT_LIMITS, type Limits } from './config.ts';
import { Editor } from './editor.ts';
import { exportRoute } from './export.ts';
import { CSRF_HEADER, exampleTabs, graphiqlAssets, renderGraphiQL } from './graphiql.ts';
import { requestLimits } from './limits.ts';
import type { SpendingShare } from './rate-limit.ts';
import { operations } from './operations.ts';
import type { Logger } from 'pino';

export interface AppOptions {
  db: Db;
  /** Limits on each request (README: Limits); unnamed ones keep their defaults. */
  limits?: Partial<Limits>;
  /** Origins a browser may call the API from: '*' (the default: any, without credentials) or a list. */
  corsOrigins?: '*' | readonly string[];
  /** Take the client address from X-Forwarded-For (behind a proxy you run). */
  trustProxy?: boolean;
  /** Where each request's log line goes; none when not given (tests, embedded use). */
  logger?: Logger;
  /** Rate-limit spending shared with the other processes serving the same API (`CLAIMLINE_WORKERS`). */
  spending?: SpendingShare;
  /** PostgreSQL's hot standbys that take this server's reads (CLAIMLINE_DB_REPLICAS). */
  replicas?: ReadReplicas;
  /** On PostgreSQL, hear each change other servers commit as it commits (a connection of its own), besides the poll. */
  changeNotices?: boolean;
}

/** CORS without credentials (keys are bearer tokens, never cookies): any origin, or only those listed. */
function corsFor(origins: '*' | readonly string[]) {
  if (origins !== '*' && origins.length === 0) return false;
  const options = { credentials: false, exposedHeaders: ['Retry-After'], maxAge: 600 };
  return (request: Request) => {
    const origin = request.headers.get('origin');
    if (origins === '*') return { ...options, origin: '*' };
    // A listed origin is named back; any other gets no CORS headers at all (never "null").
    return origin !== null && origins.includes(origin) ? { ...options, origin } : false;
  };
}

/** Any origin is answered with the literal `*` (the CORS plugin would name each origin back, "null" included). */
const anyOrigin: Plugin = {
  onResponse({ response }) {
    if (!response.headers.has('access-control-allow-origin')) return;
    response.headers.set('access-control-allow-origin', '*');
    const vary = (response.headers.get('vary') ?? '').split(',').map((v) => v.trim()).filter((v) => v && v.toLowerCase() !== 'origin');
    if (vary.length) response.headers.set('vary', vary.join(', '));
    else response.headers.delete('vary');
  },
};

/** Builds the GraphQL app over a database. It never listens: the HTTP entry (or a test) owns that. */
export function createApp({ db, limits: given = {}, corsOrigins = '*', trustProxy = false, logger, spending, replicas, changeNotices }: AppOptions) {
  const limits: Limits = { ...DEFAULT_LIMITS, ...given };
  const editor = new Editor(db, { backlog: limits.subscriptionBacklog, notices: changeNotices });
  // Each request reads and writes through a handle of its own, which counts its statements (for
  // its log line) and refuses them once the request is stopped.
  const uses = new WeakMap<Request, RequestUse>();
  const dbFor = (request: Request) => {
    let use = uses.get(request);
    if (!use) uses.set(request, (use = { statements: 0 }));
    return forRequest(db, use);
  };
  const yoga = createYoga({
    schema,
    context: ({ request }) => ({ db: dbFor(request), editor, authorization: request.headers.get('authorization') }),
    graphqlEndpoint: '/graphql',
    landingPage: false,
    // /health and /ready are claimline's own (src/server/operations.ts), with a body saying what
    // was checked; yoga's own empty check is moved out of their way.
    healthCheckEndpoint: '/.yoga-health',
    // Errors are masked as "Unexpected error." whatever NODE_ENV says: no stack or path of the server leaves it.
    maskedErrors: { isDev: false },
    maxRequestBodySize: limits.bodyBytes,
    cors: corsFor(corsOrigins) as never,
    // CSRF: a browser may not send a simple (unpreflighted) request; JSON bodies and requests
    // carrying the header (GraphiQL sends it) pass. The limits come first: a refused request runs nothing.
    // Compiled queries come before every plugin that wraps execution, so those wrap the compiled run.
    plugins: [compiledQueries(schema), ...operations({ db, editor, logger, statementsOf: (request) => uses.get(request)?.statements }), requestLimits({ db, limits, trustProxy, spending }), useCSRFPrevention({ requestHeaders: [CSRF_HEADER] }), typedInputErrors(), asOfReads(editor, limits), ...(replicas ? [replicaReads(db, replicas)] : []), graphiqlAssets(), exportRoute(dbFor), ...(corsOrigins === '*' ? [anyOrigin] : [])],
    renderGraphiQL,
    // Each page load finds the examples' variables (actors, places, claims by name) afresh.
    graphiql: () => {
      const tabs = exampleTabs(db);
      return { title: 'claimline', defaultQuery: tabs[0]?.query ?? '', defaultTabs: tabs, additionalHeaders: { [CSRF_HEADER]: 'graphiql' } };
    },
  });
  return Object.assign(yoga, { editor });
}

export type App = ReturnType<typeof createApp>;
