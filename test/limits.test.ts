import { describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/client.ts';
import { globalId as id } from '../src/domain/global-id.ts';
import { createKey } from '../src/domain/keys.ts';
import { loadBundle, readBundleFile } from '../src/domain/bundle.ts';
import { createApp } from '../src/server/app.ts';
import type { Limits } from '../src/server/config.ts';
import { generatedTimeline } from './builders.ts';
import { fileDb, gql, seededDb, testDb } from './helpers.ts';
import { SEED_BUNDLE_PATH } from './paths.ts';

// Every abusive shape a stranger can send is refused before any resolver or SQL runs, with the
// limit named, and the server answers the next request as if nothing happened. Refusals found
// while parsing or validating the document are HTTP 400 (GraphQL over HTTP); those found from
// its arguments and variables, 200 with the error; an oversized body, 413.

const repeat = (n: number, make: (i: number) => string) => Array.from({ length: n }, (_, i) => make(i)).join(' ');
const actorIds = (n: number) => Array.from({ length: n }, (_, i) => id('Actor', i + 1));
let nestedRebuttals = 'id';
for (let i = 0; i < 20; i += 1) nestedRebuttals = `rebuttals { rebuts { ${nestedRebuttals} } }`;
let nestedEvents = 'id';
for (let i = 0; i < 3; i += 1) nestedEvents = `events(first: 100) { nodes { participants { actor { ${nestedEvents} } } } }`;

interface Abuse {
  name: string;
  query: string;
  variables?: Record<string, unknown>;
  /** Limits other than the defaults, for a shape another limit would catch first. */
  limits?: Partial<Limits>;
  code: string;
  status?: number;
  limit: number;
  requested?: number | null;
  field?: string;
}

const ABUSES: Abuse[] = [
  { name: 'rebuttals nested 20 deep', query: `{ claims(first: 100) { nodes { ${nestedRebuttals} } } }`, code: 'MAX_DEPTH', status: 400, limit: 15, requested: 43 },
  { name: 'events under participants under events, three levels', query: `{ ${nestedEvents} }`, code: 'MAX_COST', limit: 25_000 },
  { name: 'events under participants under events, four levels', query: `{ events(first: 100) { nodes { participants { actor { ${nestedEvents} } } } } }`, code: 'MAX_DEPTH', status: 400, limit: 15, requested: 17 },
  { name: 'first: 100 under first: 100 under first: 100', query: '{ actors(first: 100) { nodes { timeline(first: 100) { nodes { ... on Claim { claimant { claims(first: 100) { nodes { id } } } } } } } } }', code: 'MAX_COST', limit: 25_000 },
  { name: '1,000 aliases of timeline(first: 100)', query: `{ ${repeat(1000, (i) => `t${i}: timeline(first: 100) { totalCount }`)} }`, code: 'MAX_TOKENS', status: 400, limit: 5_000, requested: null },
  { name: '100 aliases of timeline(first: 100)', query: `{ ${repeat(100, (i) => `t${i}: timeline(first: 100) { totalCount }`)} }`, code: 'MAX_ALIASES', status: 400, limit: 30, requested: 100 },
  { name: '40 aliases of actorNetwork', query: `{ ${repeat(40, (i) => `n${i}: actorNetwork { edges { count } }`)} }`, code: 'MAX_ALIASES', status: 400, limit: 30, requested: 40 },
  { name: '60 directives', query: `{ timeline { ${repeat(60, () => 'totalCount @include(if: true)')} } }`, code: 'MAX_DIRECTIVES', status: 400, limit: 50, requested: 60 },
  { name: 'a document of 100,000 tokens', query: `{ ${repeat(100_000, () => 'x')} }`, code: 'MAX_TOKENS', status: 400, limit: 5_000, requested: null },
  { name: 'search with 5,000 OR terms', query: `{ search(query: "${repeat(5000, (i) => `w${i} OR`)}") { totalCount } }`, code: 'MAX_STRING_LENGTH', limit: 1_000, field: 'query' },
  { name: 'search with 40 words', query: `{ search(query: "${repeat(40, (i) => `w${i}`)}") { totalCount } }`, code: 'MAX_SEARCH_TERMS', limit: 32, requested: 40, field: 'query' },
  { name: 'a timeline filter searching 40 words', query: `{ timeline(filter: { search: "${repeat(40, (i) => `w${i}`)}" }) { totalCount } }`, code: 'MAX_SEARCH_TERMS', limit: 32, requested: 40, field: 'filter.search' },
  { name: 'nodes(ids:) with 101 IDs', query: 'query ($ids: [ID!]!) { nodes(ids: $ids) { id } }', variables: { ids: actorIds(101) }, code: 'MAX_LIST_SIZE', limit: 100, requested: 101, field: 'ids' },
  {
    name: 'nodes(ids:) with 100,000 IDs (under a body limit that lets it through)',
    query: 'query ($ids: [ID!]!) { nodes(ids: $ids) { id } }',
    variables: { ids: actorIds(100_000) },
    limits: { bodyBytes: 10_000_000 },
    code: 'MAX_LIST_SIZE',
    limit: 100,
    requested: 100_000,
    field: 'ids',
  },
  { name: 'nodes(ids:) with 100,000 IDs', query: 'query ($ids: [ID!]!) { nodes(ids: $ids) { id } }', variables: { ids: actorIds(100_000) }, code: 'MAX_BODY_SIZE', status: 413, limit: 1_048_576 },
  {
    name: 'filter.actors with 100,000 IDs',
    query: 'query ($actors: [ID!]) { timeline(filter: { actors: $actors }) { totalCount } }',
    variables: { actors: actorIds(100_000) },
    limits: { bodyBytes: 10_000_000 },
    code: 'MAX_LIST_SIZE',
    limit: 100,
    requested: 100_000,
    field: 'filter.actors',
  },
  {
    name: '1,001 entity representations',
    query: 'query ($r: [_Any!]!) { _entities(representations: $r) { __typename } }',
    variables: { r: actorIds(1001).map((g) => ({ __typename: 'Actor', id: g })) },
    code: 'MAX_LIST_SIZE',
    limit: 1_000,
    requested: 1001,
    field: 'representations',
  },
  { name: 'a 10 MB body', query: '{ __typename }', variables: { padding: 'x'.repeat(10_000_000) }, code: 'MAX_BODY_SIZE', status: 413, limit: 1_048_576 },
  { name: 'a 20,000-character summary filter string', query: `{ timeline(filter: { date: { from: "${'9'.repeat(20_000)}" } }) { totalCount } }`, code: 'MAX_STRING_LENGTH', limit: 10_000, field: 'filter.date.from' },
];

describe('abusive requests', () => {
  it.each(ABUSES)('refuses $name with $code before any SQL, and keeps answering', async (abuse) => {
    const { db, statements } = seededDb();
    const app = createApp({ db, limits: abuse.limits });
    statements.length = 0;
    const response = await gql(app, abuse.query, abuse.variables);
    expect(statements, 'SQL ran for a refused request').toEqual([]);
    expect(response.status).toBe(abuse.status ?? 200);
    expect(response.data ?? null).toBeNull();
    expect(response.errors).toHaveLength(1);
    const extensions = response.errors![0]!.extensions as Record<string, unknown>;
    expect(extensions.code).toBe(abuse.code);
    expect(extensions.limit).toBe(abuse.limit);
    if (abuse.requested !== undefined) expect(extensions.requested).toBe(abuse.requested);
    else expect(extensions.requested).toBeGreaterThan(abuse.limit);
    if (abuse.field) expect(extensions.field).toBe(abuse.field);
    expect(response.errors![0]!.message).toMatch(new RegExp(abuse.limit.toLocaleString('en').replace(/,/g, ',')));
    const next = await gql(app, '{ timeline(first: 1) { totalCount } }');
    expect(next.data).toEqual({ timeline: { totalCount: 14 } });
  });

  it('reports the cost of every answered query, as estimated and as produced', async () => {
    const app = createApp({ db: seededDb().db });
    const response = (await (
      await app.fetch('http://claimline.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ timeline(first: 3) { edges { node { id } } } }' }),
      })
    ).json()) as { extensions: { cost: Record<string, unknown> } };
    // 1 connection + 3 × (edge + node) estimated; all 3 produced.
    expect(response.extensions.cost).toEqual({
      requestedQueryCost: 7,
      actualQueryCost: 7,
      maximumQueryCost: 25_000,
      throttleStatus: { maximumAvailable: 1_000_000, currentlyAvailable: 1_000_000 - 7, windowSeconds: 60 },
    });
  });

  it('limits each client address, and each API key, to its cost points per window, with Retry-After', async () => {
    const { db, statements } = seededDb();
    const key = createKey(db, 'reader', ['write']);
    const app = createApp({ db, limits: { ratePoints: 20, rateWindowMs: 60_000 } });
    const query = JSON.stringify({ query: '{ timeline(first: 9) { nodes { id } } }' }); // costs 10
    const from = (address: string, headers: Record<string, string> = {}) =>
      app.fetch('http://claimline.test/graphql', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: query }, { req: { socket: { remoteAddress: address } } });
    expect((await from('10.0.0.1')).status).toBe(200);
    expect((await from('10.0.0.1')).status).toBe(200);
    statements.length = 0;
    const refused = await from('10.0.0.1');
    expect(statements).toEqual([]);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    const body = (await refused.json()) as { errors: { message: string; extensions: Record<string, unknown> }[] };
    expect(body.errors[0]!.extensions).toMatchObject({ code: 'RATE_LIMITED', limit: 20, requested: 10 });
    expect(body.errors[0]!.message).toMatch(/retry in \d+ s/);
    // Another address, and an API key from the same address, have budgets of their own.
    expect((await from('10.0.0.2')).status).toBe(200);
    expect((await from('10.0.0.1', { authorization: `Bearer ${key}` })).status).toBe(200);
    // An unknown key is charged to its address, so inventing keys buys nothing.
    expect((await from('10.0.0.1', { authorization: 'Bearer clk_invented' })).status).toBe(429);
  });

  it('aborts a query past its time budget, and says so', async () => {
    const { db } = testDb();
    loadBundle(db, generatedTimeline({ events: 200 }));
    const app = createApp({ db, limits: { timeoutMs: 1 } });
    const response = await gql(app, '{ timeline(first: 100) { nodes { citations { quote { text speaker { name timeline(first: 5) { nodes { id } } } } } } } }');
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'TIMEOUT', limit: 1 });
    expect(response.errors?.[0]?.message).toMatch(/time budget of 1 ms and was aborted/);
  });

  it('refuses an as-of read that would undo more history than allowed, before rewinding', async () => {
    const { db } = fileDb();
    loadBundle(db, readBundleFile(SEED_BUNDLE_PATH));
    const app = createApp({ db, limits: { asOfRowChanges: 50 } });
    const response = await gql(app, '{ timeline(asOf: "1970-01-01T00:00:00Z") { totalCount } }');
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'MAX_AS_OF_CHANGES', limit: 50, field: 'asOf' });
    expect(response.errors?.[0]?.message).toMatch(/more than 50 recorded row changes/);
    const allowed = await gql(createApp({ db }), '{ timeline(asOf: "1970-01-01T00:00:00Z") { totalCount } }');
    expect(allowed.data).toEqual({ timeline: { totalCount: 0 } });
  });
});

describe('a client that goes away', () => {
  it('stops its query being executed', async () => {
    let statements = 0;
    let onStatement = () => {};
    const db = openDatabase({ file: ':memory:', onStatement: () => ((statements += 1), onStatement()) });
    loadBundle(db, generatedTimeline({ events: 200 }));
    const app = createApp({ db });
    // Nested lists: each level is one more batch of statements, run after the one before.
    const query = JSON.stringify({ query: '{ timeline(first: 20) { nodes { citations { quote { speaker { timeline(first: 2) { nodes { citations { source { title } } } } } } } } } }' });
    const run = async (signal?: AbortSignal) => {
      statements = 0;
      await Promise.resolve(app.fetch('http://claimline.test/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: query, signal }))
        .then((r) => r.text())
        .catch(() => null);
      // Let anything still scheduled run.
      await new Promise((resolve) => setTimeout(resolve, 50));
      return statements;
    };
    const whole = await run();
    expect(whole).toBeGreaterThanOrEqual(5);
    const client = new AbortController();
    onStatement = () => client.abort();
    const cut = await run(client.signal);
    expect(cut).toBeLessThan(whole);
    expect(cut).toBeLessThanOrEqual(2);
  });
});
