import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { Db } from '../src/db/client.ts';
import { globalId as id } from '../src/domain/global-id.ts';
import { createKey } from '../src/domain/keys.ts';
import { NETWORK_EDGE_KINDS } from '../src/domain/graph.ts';
import { loadBundle, readBundleFile } from '../src/domain/bundle.ts';
import { ImportAborted, runImport } from '../src/ingest/import.ts';
import { createApp } from '../src/server/app.ts';
import { gql, seededDb } from './helpers.ts';
import { ROOT, SEED_BUNDLE_PATH } from './paths.ts';

// Each internal fault found so far, as a client would meet it: a typed error naming the field,
// never "Unexpected error.", a 500, a stack trace or a path of the server.

const app = createApp({ db: seededDb().db });

function expectTyped(response: { status: number; errors?: { message: string; extensions?: Record<string, unknown> }[] }, code: string, field?: string) {
  expect(response.status).toBeLessThan(500);
  expect(response.errors?.[0]?.extensions?.code, JSON.stringify(response)).toBe(code);
  if (field) expect(response.errors![0]!.extensions!.field).toBe(field);
  expect(JSON.stringify(response)).not.toContain('Unexpected error');
}

describe('faults found so far', () => {
  it('actorNetwork takes its edge kinds in any order', async () => {
    const orders = [...NETWORK_EDGE_KINDS.map((k) => [k]), [...NETWORK_EDGE_KINDS].reverse(), ['BACKED', 'ACCUSED'], ['ACTED_AGAINST', 'REBUTTED', 'ACCUSED']];
    for (const kinds of orders) {
      const response = await gql(app, `{ actorNetwork(kinds: [${kinds.join(', ')}]) { edges { kind count } } }`);
      expect(response.errors, kinds.join()).toBeUndefined();
      for (const edge of response.data.actorNetwork.edges) expect(kinds).toContain(edge.kind);
    }
    const rebutted = await gql(app, '{ actorNetwork(kinds: [REBUTTED]) { edges { kind source { name } target { name } } } }');
    expect(rebutted.data.actorNetwork.edges).toContainEqual({ kind: 'REBUTTED', source: { name: 'United States Department of Defense' }, target: { name: 'Russian military' } });
  });

  it('refuses EDTF without bounds a timeline can hold, and sets of dates as range ends, naming the field', async () => {
    for (const [from, message] of [
      ['99999999999999999999', /cannot place it on a timeline|beyond the dates/],
      ['Y170000002', /beyond the dates claimline can hold/],
      ['[2017..2018]', /is a set of dates/],
      ['{2017,2018}', /is a set of dates/],
    ] as const) {
      const response = await gql(app, `{ timeline(filter: { date: { from: "${from}" } }) { totalCount } }`);
      expectTyped(response, 'BAD_USER_INPUT', 'filter.date.from');
      expect(response.errors![0]!.message).toMatch(message);
    }
  });

  it('refuses malformed entity representations, naming the one at fault', async () => {
    const entities = (representations: unknown) => gql(app, 'query ($r: [_Any!]!) { _entities(representations: $r) { __typename } }', { r: representations });
    expectTyped(await entities([{ __typename: 'Actor', id: { a: 1 } }]), 'BAD_USER_INPUT', 'representations.0.id');
    expectTyped(await entities([{}]), 'BAD_USER_INPUT', 'representations.0.__typename');
    expectTyped(await entities([{ __typename: 'Actor', id: id('Actor', 1) }, { __typename: 'NoSuchType', id: 'x' }]), 'BAD_USER_INPUT', 'representations.1.__typename');
    expectTyped(await entities(['Actor']), 'BAD_USER_INPUT', 'representations.0');
    expectTyped(await entities([{ __typename: 'Actor', id: 'not-an-id' }]), 'BAD_USER_INPUT');
  });

  it('answers malformed JSON in GET parameters with 400, naming the parameter', async () => {
    for (const name of ['variables', 'extensions']) {
      const response = await app.fetch(`http://claimline.test/graphql?query=%7B__typename%7D&${name}=%7Bx`, { headers: { 'x-graphql-yoga-csrf': '1' } });
      expect(response.status).toBe(400);
      const body = (await response.json()) as { errors: { extensions: Record<string, unknown> }[] };
      expect(body.errors[0]!.extensions).toMatchObject({ code: 'BAD_REQUEST', field: name });
    }
  });

  it('answers export paths with malformed escapes as unknown formats, with no trace of the server', async () => {
    for (const path of ['/export/%', '/export/%E0%A4%A', '/export/%ZZ']) {
      const response = await app.fetch(`http://claimline.test${path}`);
      const body = await response.text();
      expect(response.status, path).toBe(404);
      expect(JSON.parse(body).errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'format' });
      expect(body).not.toContain(ROOT);
      expect(body).not.toMatch(/\n\s+at /);
    }
  });
});

// Text that is not well-formed Unicode, or holds control characters other than tab, line feed
// and carriage return, is refused on every write path, naming the field; nothing is written.
const BAD_TEXTS = [
  ['a lone surrogate', 'Syrian \ud800 army', /lone surrogate/],
  ['a NUL-only name', '\u0000', /U\+0000/],
  ['an embedded NUL', 'Syrian\u0000army', /U\+0000/],
  ['an escape character', 'Syrian \u001b[31marmy', /U\+001B/],
] as const;

const rows = (db: Db) => (db.$client.prepare('SELECT (SELECT count(*) FROM actors) + (SELECT count(*) FROM items) + (SELECT count(*) FROM sources) + (SELECT count(*) FROM changes) AS n').get() as { n: number }).n;

describe('bad text', () => {
  it.each(BAD_TEXTS)('is refused by mutations: %s', async (_, text, message) => {
    const { db } = seededDb();
    const editor = createApp({ db });
    const key = createKey(db, 'editor', ['write']);
    const before = rows(db);
    const response = await gql(
      editor,
      'mutation ($input: ActorCreateInput!) { actorCreate(input: $input) { __typename ... on ValidationError { field issues { field message } } } }',
      { input: { name: text, kind: 'ARMED_GROUP', aliases: ['fine'] } },
      { authorization: `Bearer ${key}` },
    );
    expect(response.data.actorCreate).toMatchObject({ __typename: 'ValidationError', field: ['input', 'name'] });
    expect(response.data.actorCreate.issues[0].message).toMatch(message);
    expect(rows(db)).toBe(before);
  });

  it.each(BAD_TEXTS)('is refused by bundles: %s', (_, text, message) => {
    const { db } = seededDb();
    const bundle = readBundleFile(SEED_BUNDLE_PATH) as { namespace: string; actors: { name: string }[] };
    bundle.namespace = 'test/bad-text';
    bundle.actors[2]!.name = text;
    const before = rows(db);
    expect(() => loadBundle(db, bundle)).toThrow(message);
    try {
      loadBundle(db, bundle);
    } catch (error) {
      expect((error as { field: unknown }).field).toEqual(['actors', 2, 'name']);
    }
    expect(rows(db)).toBe(before);
  });

  it.each(BAD_TEXTS)('is refused by imports with file, line and column: %s', async (_, text, message) => {
    const { db } = seededDb();
    const before = rows(db);
    const records = [
      { id: 'ok-1', event: 'PROTEST', date: '2020-01-01', source: [{ actorText: 'Students' }], text: 'Students marched.' },
      { id: 'bad-2', event: 'PROTEST', date: '2020-01-02', source: [{ actorText: text }], text: 'Someone marched.' },
    ];
    const input = () => Readable.from([Buffer.from(records.map((r) => JSON.stringify(r)).join('\n') + '\n')]);
    const attempt = runImport(db, { format: 'plover', input: input(), file: 'records.jsonl' });
    await expect(attempt).rejects.toBeInstanceOf(ImportAborted);
    await expect(runImport(db, { format: 'plover', input: input(), file: 'records.jsonl' })).rejects.toThrow(new RegExp(`^records\\.jsonl:2: actorText: .*${message.source}`));
    expect(rows(db)).toBe(before);
  });
});
