import { beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp } from '../src/server/app.ts';
import { data, gql, seededDb } from './helpers.ts';

let app: ReturnType<typeof createApp>;
beforeAll(() => {
  app = createApp({ db: seededDb().db });
});

const b64 = (s: string) => Buffer.from(s).toString('base64');

/** A bad read gets HTTP 200, a typed error naming the argument, and the server keeps answering. */
async function expectBadInput(query: string, field: string | undefined, message: RegExp) {
  const result = await gql(app, query);
  expect(result.status).toBe(200);
  expect(result.errors).toHaveLength(1);
  expect(result.errors![0]!.extensions?.code).toBe('BAD_USER_INPUT');
  if (field) expect(result.errors![0]!.extensions?.field).toBe(field);
  expect(result.errors![0]!.message).toMatch(message);
  expect((await data(app, '{ actors(first: 1) { totalCount } }')).actors.totalCount).toBe(13);
}

describe('bad input on read paths', () => {
  it('refuses malformed and foreign IDs', async () => {
    await expectBadInput('{ node(id: "garbage") { id } }', 'id', /not an ID claimline issued/);
    await expectBadInput(`{ node(id: "${b64('User:1')}") { id } }`, 'id', /not an ID claimline issued/);
    await expectBadInput(`{ node(id: "${b64('Actor:abc')}") { id } }`, 'id', /not an ID claimline issued/);
    await expectBadInput(`{ node(id: "${b64('Actor:-1')}") { id } }`, 'id', /not an ID claimline issued/);
    await expectBadInput(`{ timeline(filter: { actors: ["${b64('Place:1')}"] }) { totalCount } }`, undefined, /is not of type: Actor/);
  });

  it('returns null for a well-formed ID of nothing, and for an ID of the wrong type', async () => {
    const result = await data(app, `{ a: node(id: "${b64('Actor:999999')}") { id } b: node(id: "${b64('Event:9')}") { id } }`);
    expect(result).toEqual({ a: null, b: null });
  });

  it('refuses page sizes over the cap, negative ones, and first with last', async () => {
    await expectBadInput('{ timeline(first: 101) { totalCount } }', 'first', /at most 100/);
    await expectBadInput('{ actors(last: 500) { totalCount } }', 'last', /at most 100/);
    await expectBadInput('{ places(first: -1) { totalCount } }', 'first', /0 or more/);
    await expectBadInput('{ timeline(first: 1, last: 1) { totalCount } }', 'last', /not both/);
    await expectBadInput('{ actors(first: 1) { nodes { timeline(first: 1000) { totalCount } } } }', 'first', /at most 100/);
  });

  it('refuses cursors it did not issue, and cursors of another order', async () => {
    await expectBadInput('{ timeline(after: "not-a-cursor") { totalCount } }', 'after', /not a cursor/);
    const { timeline } = await data(app, '{ timeline(first: 1) { pageInfo { endCursor } } }');
    await expectBadInput(`{ timeline(before: "${timeline.pageInfo.endCursor}", orderBy: { direction: DESC }) { totalCount } }`, 'before', /not a cursor/);
    await expectBadInput(`{ actors(after: "${timeline.pageInfo.endCursor}") { totalCount } }`, 'after', /not a cursor/);
  });

  it('refuses malformed EDTF and inverted date ranges, naming the field', async () => {
    await expectBadInput('{ timeline(filter: { date: { from: "2017-13" } }) { totalCount } }', 'filter.date.from', /not a valid EDTF/);
    await expectBadInput('{ timeline(filter: { date: { to: "last Tuesday" } }) { totalCount } }', 'filter.date.to', /not a valid EDTF/);
    await expectBadInput('{ timeline(filter: { date: { from: "2017-10", to: "2017-09" } }) { totalCount } }', 'filter.date.to', /ends .* before it starts/);
  });

  it('refuses filters that cannot match the list they are on', async () => {
    await expectBadInput('{ events(filter: { types: [ACCUSATION] }) { totalCount } }', 'filter.types', /holds only EVENT/);
    await expectBadInput(`{ timeline(filter: { actorRoles: [AGENT] }) { totalCount } }`, 'filter.actorRoles', /give actors/);
  });

  it('refuses an empty search, and takes operators as plain words', async () => {
    await expectBadInput('{ search(query: "  \\" ") { totalCount } }', 'query', /at least one word/);
    const { search } = await data(app, '{ search(query: "\\"absolutely OR NEAR( false") { totalCount } }');
    expect(search.totalCount).toBe(0);
    expect((await data(app, '{ search(query: "absolutely false") { totalCount } }')).search.totalCount).toBeGreaterThan(0);
  });

  it('answers malformed documents and unknown fields with GraphQL errors, never 500', async () => {
    const syntax = await gql(app, '{ timeline(');
    expect(syntax.status).toBeLessThan(500);
    expect(syntax.errors?.[0]?.message).toMatch(/Syntax Error/);
    const unknown = await gql(app, '{ timeline { nodes { nope } } }');
    expect(unknown.status).toBeLessThan(500);
    expect(unknown.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const badJson = await app.fetch('http://claimline.test/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' });
    expect(badJson.status).toBe(400);
  });
});

describe('unexpected faults', () => {
  it('are masked for the client and logged for the operator', async () => {
    const { db } = seededDb();
    const broken = createApp({ db });
    db.$client.close();
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const result = await gql(broken, '{ actors { totalCount } }');
      expect(result.errors?.[0]?.message).toBe('Unexpected error.');
      expect(JSON.stringify(result)).not.toMatch(/database|sqlite/i);
      expect(log.mock.calls.flat().join(' ')).toMatch(/database connection is not open/);
    } finally {
      log.mockRestore();
    }
  });
});
