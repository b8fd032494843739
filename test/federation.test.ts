import { buildSubgraphSchema } from '@apollo/subgraph';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse } from 'graphql';
import { createYoga } from 'graphql-yoga';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBundle } from '../src/domain/bundle.ts';
import { createApp } from '../src/server/app.ts';
import { composeSupergraph, createGateway } from '../src/server/gateway.ts';
import { listen } from '../src/server/http.ts';
import { generatedTimeline } from './builders.ts';
import { data, gql, seededDb } from './helpers.ts';
import { groupAlive, runScript, stop, stopAll } from './process.ts';

// A second, small subgraph of the kind other teams run: it extends claimline's Actor with a
// field of its own and references claimline's Events from its own type.
const ASSESSMENTS_SDL = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@key"])
  type Actor @key(fields: "id") { id: ID! watchlisted: Boolean! }
  type Event @key(fields: "id", resolvable: false) { id: ID! }
  type Assessment @key(fields: "id") { id: ID! confidence: Float! event: Event! }
  type Query { assessments(first: Int!): [Assessment!]! }
`;

function assessmentsSubgraph(eventIds: string[]) {
  const schema = buildSubgraphSchema({
    typeDefs: parse(ASSESSMENTS_SDL),
    resolvers: {
      Query: {
        assessments: (_: unknown, { first }: { first: number }) =>
          eventIds.slice(0, first).map((id, i) => ({ id: `assessment-${i}`, confidence: (i % 10) / 10, event: { id } })),
      },
      Actor: {
        __resolveReference: (ref: { id: string }) => ({ id: ref.id, watchlisted: Buffer.from(ref.id, 'base64').toString().endsWith('1') }),
      },
    } as never,
  });
  return createYoga({ schema });
}

const servers: Server[] = [];
let gateway: ReturnType<typeof createGateway>;
let statements: string[];
let eventIds: string[];
let assessmentsUrl: string;
/** The claimline subgraph in-process, for calls that go to it directly rather than through the gateway. */
let direct: ReturnType<typeof createApp>;

async function serve(handler: Parameters<typeof createServer>[1]): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
}

beforeAll(async () => {
  const seeded = seededDb();
  loadBundle(seeded.db, generatedTimeline({ events: 60 }));
  statements = seeded.statements;
  const claimline = await listen(seeded.db, 0, '127.0.0.1');
  servers.push(claimline.server);
  const claimlineUrl = claimline.url;
  const events = await (await fetch(claimlineUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ events(first: 100) { nodes { id } } }' }),
  })).json() as { data: { events: { nodes: { id: string }[] } } };
  eventIds = events.data.events.nodes.map((n) => n.id);
  assessmentsUrl = await serve(assessmentsSubgraph(eventIds));
  direct = createApp({ db: seeded.db });
  gateway = createGateway(await composeSupergraph([{ name: 'claimline', url: claimlineUrl }, { name: 'assessments', url: assessmentsUrl }]));
});

afterAll(async () => {
  stopAll();
  await gateway?.dispose();
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
});

describe('claimline as a subgraph behind Hive Gateway', () => {
  it('serves its federation SDL with @key on every entity and a shareable PageInfo', async () => {
    const { _service } = await data(direct, '{ _service { sdl } }');
    for (const type of ['Actor', 'Event', 'Accusation', 'Rebuttal', 'Statement', 'Source', 'Quote', 'Place']) {
      expect(_service.sdl).toMatch(new RegExp(`type ${type} implements [^{]*@key\\(fields: "id"\\)`));
    }
    expect(_service.sdl).toMatch(/interface Claim implements [^{]*@key\(fields: "id"\)/);
    expect(_service.sdl).toMatch(/type PageInfo\s+@shareable/);
  });

  it('resolves claimline fields extended by another subgraph (claimline → assessments)', async () => {
    const result = await data(gateway as never, '{ actors(first: 20) { nodes { id name watchlisted } } }');
    expect(result.actors.nodes.length).toBeGreaterThan(10);
    for (const actor of result.actors.nodes) {
      expect(actor.watchlisted).toBe(Buffer.from(actor.id, 'base64').toString().endsWith('1'));
    }
  });

  it('resolves claimline entities referenced by another subgraph, 50 in one batch (assessments → claimline → assessments)', async () => {
    statements.length = 0;
    const { assessments: page } = await data(gateway as never, `{ assessments(first: 50) {
      confidence event { id title status date { label } places { name } participants { role actor { name watchlisted } } }
    } }`);
    expect(page).toHaveLength(50);
    expect(page.map((a: any) => a.event.id)).toEqual(eventIds.slice(0, 50));
    expect(page.every((a: any) => a.event.title && a.event.participants.every((p: any) => typeof p.actor.watchlisted === 'boolean'))).toBe(true);
    // One statement loads all 50 events, one each their places, participants and actors.
    const itemLoads = statements.filter((s) => /FROM items i .*WHERE i\.id (IN|= ANY)/s.test(s));
    expect(itemLoads).toHaveLength(1);
    // Not counted: the server's poll for other processes' writes (four times a second, whatever the requests).
    const ofRequests = () => statements.filter((s) => !/PRAGMA data_version|FROM changes$/.test(s.trim())).length;
    const fifty = ofRequests();
    statements.length = 0;
    await data(gateway as never, '{ assessments(first: 5) { event { id title status date { label } places { name } participants { role actor { name watchlisted } } } } }');
    expect(ofRequests()).toBe(fifty);
  });

  it('resolves references to the Claim interface and refuses foreign or malformed keys', async () => {
    const query = 'query($r: [_Any!]!) { _entities(representations: $r) { __typename ... on Claim { summary claimant { name } } } }';
    const claims = await data(direct, '{ claims(first: 2) { nodes { id __typename } } }');
    const [first] = claims.claims.nodes;
    const { _entities } = await data(direct, query, { r: [{ __typename: 'Claim', id: first.id }, { __typename: 'Claim', id: eventIds[0] }] });
    expect(_entities[0].__typename).toBe(first.__typename);
    expect(_entities[1]).toBeNull();
    const malformed = await gql(direct, query, { r: [{ __typename: 'Actor', id: 'garbage' }] });
    expect(malformed.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('composes and serves from the command line: npm run gateway -- --subgraph NAME=URL', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'claimline-gateway-'));
    try {
      const gatewayProcess = await runScript(
        'gateway',
        ['--subgraph', `assessments=${assessmentsUrl}`],
        { GATEWAY_PORT: '0', CLAIMLINE_DB: join(folder, 'claimline.db') },
        /supergraph at (http:\/\/[^\s"]+)/,
      );
      const response = await fetch(gatewayProcess.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ actors(first: 3) { nodes { name watchlisted } } }' }),
      });
      const body = (await response.json()) as any;
      expect(body.data.actors.nodes).toHaveLength(3);
      expect(body.data.actors.nodes.every((a: any) => typeof a.watchlisted === 'boolean')).toBe(true);
      // SIGTERM stops the gateway and the claimline it started, children and all.
      expect(await stop(gatewayProcess.child)).toEqual({ code: 0, signal: null });
      expect(groupAlive(gatewayProcess.child)).toBe(false);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('composing with a subgraph that does not answer', () => {
  it('asks again with a growing wait, then fails naming the subgraph and its URL', async () => {
    const retries: { attempt: number; waitMs: number; message: string }[] = [];
    const unreachable = { name: 'reviews', url: 'http://127.0.0.1:9/graphql' };
    await expect(
      composeSupergraph([unreachable], { attempts: 3, delayMs: 10, onRetry: (error, attempt, waitMs) => retries.push({ attempt, waitMs, message: error.message }) }),
    ).rejects.toThrow(/^subgraph reviews at http:\/\/127\.0\.0\.1:9\/graphql did not answer: /);
    expect(retries.map((r) => [r.attempt, r.waitMs])).toEqual([[1, 10], [2, 20]]);
    expect(retries[0]!.message).toMatch(/subgraph reviews at http:\/\/127\.0\.0\.1:9\/graphql/);
  });
});
