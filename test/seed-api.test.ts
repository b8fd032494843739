import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse, validate } from 'graphql';
import { createKey } from '../src/domain/keys.ts';
import { loadBundle, readBundleFile } from '../src/domain/bundle.ts';
import { createApp } from '../src/server/app.ts';
import { data, fileDb, gql, seededDb } from './helpers.ts';
import { SEED_BUNDLE_PATH, SEED_TEXT_PATH } from './paths.ts';

let app: ReturnType<typeof createApp>;
beforeAll(() => {
  app = createApp({ db: seededDb().db });
});

const actorId = async (name: string): Promise<string> => {
  const found = await data(app, 'query($q: String!) { search(query: $q, kinds: [ACTOR], first: 1) { nodes { id ... on Actor { name } } } }', { q: name });
  return found.search.nodes[0].id;
};

describe('the seed article through the API', () => {
  it('answers who accused whom, on which date, in which words', async () => {
    const { claims } = await data(app, `{
      claims(filter: { types: [ACCUSATION] }) {
        nodes { ... on Accusation {
          claimant { name } spokesperson { name } accused { name }
          date { edtf label basis }
          quotes { kind text speaker { name } }
          about { title status }
        } }
      } }`);
    const tuesday = claims.nodes.find((c: any) => c.date.edtf === '2017-10-10');
    expect(tuesday.claimant.name).toBe('Russian military');
    expect(tuesday.spokesperson.name).toBe('Igor Konashenkov');
    expect(tuesday.accused.map((a: any) => a.name).sort()).toEqual(['US air force', 'US-led coalition', 'United States']);
    expect(tuesday.date.basis).toBe('"on Tuesday", relative to publication on 2017-10-11');
    const direct = tuesday.quotes.filter((q: any) => q.kind === 'DIRECT' && q.speaker.name === 'Igor Konashenkov').map((q: any) => q.text);
    expect(direct).toContain(
      "The continuing arrival of terrorists from Iraq raises serious questions about the anti-terrorist objectives of the US air force and the so-called 'international coalition.'",
    );
    expect(tuesday.about).toEqual(
      expect.arrayContaining([{ title: 'US-led coalition sharply reduces its strikes on Iraq', status: 'DISPUTED' }]),
    );
    // The month of repeated accusations stays as vague as the article.
    const pastMonth = claims.nodes.find((c: any) => c.date.edtf !== '2017-10-10');
    expect(pastMonth.date.edtf).toBe('2017-09-11~/2017-10-11');
    expect(pastMonth.claimant.name).toBe('Russia');
    expect(pastMonth.spokesperson).toBeNull();
  });

  it('answers who rebutted it, in which words, citing which evidence', async () => {
    const { claims } = await data(app, `{
      claims(filter: { types: [ACCUSATION], date: { from: "2017-10-10", to: "2017-10-10", match: WITHIN } }) {
        nodes { rebuttals { stance claimant { name } spokesperson { name } date { edtf } quotes { kind text }
          rebuts { summary } evidence { __typename summary ... on Event { status } } } }
      } }`);
    expect(claims.nodes).toHaveLength(1);
    const [rebuttal] = claims.nodes[0].rebuttals;
    expect(rebuttal.stance).toBe('DENIES');
    expect(rebuttal.claimant.name).toBe('United States Department of Defense');
    expect(rebuttal.spokesperson.name).toBe('Rob Manning');
    expect(rebuttal.date.edtf).toBe('2017-10-10/2017-10-11');
    expect(rebuttal.quotes.filter((q: any) => q.kind === 'DIRECT').map((q: any) => q.text)).toEqual([
      "That's absolutely false,",
      'We remain committed to killing ISIS and denying them safe havens and the ability to carry out strikes in the region or globally.',
    ]);
    expect(rebuttal.rebuts).toHaveLength(2);
    expect(rebuttal.evidence).toEqual([
      { __typename: 'Event', status: 'REPORTED', summary: expect.stringContaining('no let-up') },
    ]);
  });

  it('gives one actor’s timeline in order', async () => {
    const id = await actorId('Konashenkov');
    const { node } = await data(app, `query($id: ID!) { node(id: $id) { ... on Actor {
      name relations(direction: OUTGOING) { kind object { name } }
      timeline { totalCount nodes { __typename date { edtf earliest } } }
    } } }`, { id });
    expect(node.name).toBe('Igor Konashenkov');
    expect(node.relations).toEqual([{ kind: 'SPOKESPERSON_FOR', object: { name: 'Russian military' } }]);
    expect(node.timeline.totalCount).toBe(3);
    expect(node.timeline.nodes.map((n: any) => n.__typename).sort()).toEqual(['Accusation', 'Statement', 'Statement']);
    const coalition = await data(app, `query($id: ID!) { node(id: $id) { ... on Actor { timeline { nodes { date { earliest latest } } } } } }`, {
      id: await actorId('US-led coalition'),
    });
    const keys = coalition.node.timeline.nodes.map((n: any) => [n.date.earliest ?? '', n.date.latest ?? '~']);
    expect(keys.length).toBeGreaterThan(3);
    expect([...keys].sort((a, b) => a[0].localeCompare(b[0]) || a[1].localeCompare(b[1]))).toEqual(keys);
  });

  it('places every quote exactly where its text sits in the stored source', async () => {
    const article = readFileSync(SEED_TEXT_PATH, 'utf8');
    const { sources } = await data(app, '{ sources { nodes { text publisher quotes { start end text prefix suffix matchesSource } } } }');
    const [source] = sources.nodes;
    expect(source.text).toBe(article);
    expect(source.publisher).toBeNull();
    expect(source.quotes.length).toBeGreaterThan(30);
    for (const q of source.quotes) {
      expect(article.slice(q.start, q.end)).toBe(q.text);
      expect(article.slice(0, q.start).endsWith(q.prefix)).toBe(true);
      expect(article.slice(q.end).startsWith(q.suffix)).toBe(true);
      expect(q.matchesSource).toBe(true);
    }
  });

  it('tells which items and claims each quote supports', async () => {
    const { search } = await data(app, `{ search(query: "absolutely false", kinds: [QUOTE]) { nodes { ... on Quote {
      text kind speaker { name } supports { __typename } claims { __typename claimant { name } }
    } } } }`);
    expect(search.nodes).toEqual([
      { text: "That's absolutely false,", kind: 'DIRECT', speaker: { name: 'Rob Manning' }, supports: [{ __typename: 'Rebuttal' }], claims: [{ __typename: 'Rebuttal', claimant: { name: 'United States Department of Defense' } }] },
    ]);
    const strikes = await data(app, '{ search(query: "seven strikes military website", kinds: [QUOTE]) { nodes { ... on Quote { kind speaker { name } supports { __typename } claims { __typename } } } } }');
    expect(strikes.search.nodes).toEqual([{ kind: 'NARRATION', speaker: null, supports: [{ __typename: 'Event' }], claims: [] }]);
  });

  it('dates events at the precision the article gives, resolved against publication', async () => {
    const { events } = await data(app, '{ events { nodes { title status date { edtf earliest latest precision } quantities { measure value } } } }');
    const byTitle = Object.fromEntries(events.nodes.map((e: any) => [e.title, e]));
    expect(byTitle['Coalition conducts seven strikes against IS targets in Iraq'].date.edtf).toBe('2017-10-09');
    expect(byTitle['Coalition conducts seven strikes against IS targets in Iraq'].quantities).toEqual([{ measure: 'strikes', value: 7 }]);
    expect(byTitle['US-led coalition sharply reduces its strikes on Iraq'].date).toMatchObject({ edtf: '2017-09', precision: 'MONTH' });
    const campaign = byTitle['Russian bombing campaign in Syria'].date;
    expect(campaign).toMatchObject({ edtf: '2015/..', earliest: '2015-01-01T00:00:00.000Z', latest: null });
    expect(byTitle['Islamic State fighters arrive in Syria from Iraq'].status).toBe('ALLEGED');
  });

  it('walks the links: from an event to the claims about it and back', async () => {
    const { events } = await data(app, '{ events(filter: { statuses: [DISPUTED] }) { nodes { title claims { __typename summary rebuttals { __typename } } linksIn { kind from { __typename } } } } }');
    expect(events.nodes).toHaveLength(1);
    expect(events.nodes[0].claims.map((c: any) => c.__typename).sort()).toEqual(['Accusation', 'Rebuttal', 'Statement']);
  });

  it('fetches every kind of node again by its id', async () => {
    const { search } = await data(app, '{ search(query: "Syria*", first: 100) { nodes { id __typename } } }');
    const ids = search.nodes.map((n: any) => n.id);
    expect(new Set(search.nodes.map((n: any) => n.__typename))).toEqual(new Set(['Place', 'Source', 'Quote', 'Event', 'Accusation', 'Statement', 'Actor']));
    const { nodes } = await data(app, 'query($ids: [ID!]!) { nodes(ids: $ids) { id __typename } }', { ids });
    expect(nodes).toEqual(search.nodes);
  });

  it('finds actors by alias, ranked', async () => {
    const { search } = await data(app, '{ search(query: "ISIS") { edges { snippet node { __typename ... on Actor { name } } } } }');
    expect(search.edges[0].node).toEqual({ __typename: 'Actor', name: 'Islamic State' });
    expect(search.edges[0].snippet).toContain('[ISIS]');
  });

  it('filters the timeline by actor role, place (with sub-places) and date', async () => {
    const russia = await actorId('Moscow');
    const syria = (await data(app, '{ places(filter: { kinds: [COUNTRY] }) { nodes { id name } } }')).places.nodes.find((p: any) => p.name === 'Syria').id;
    const result = await data(app, `query($russia: ID!, $syria: ID!) {
      supported: timeline(filter: { actors: [$russia], actorRoles: [SUPPORTER] }) { nodes { ... on Event { title } } }
      inSyria: timeline(filter: { places: [$syria] }) { totalCount }
      within: timeline(filter: { date: { from: "2017-09-15", to: "2017-09-20", match: WITHIN } }) { totalCount }
      overlaps: timeline(filter: { date: { from: "2017-09-15", to: "2017-09-20", match: OVERLAPS } }) { nodes { date { edtf } } }
    }`, { russia, syria });
    expect(result.supported.nodes).toEqual([{ title: 'Russian-backed Syrian army offensive in Deir Ezzor' }]);
    // Syria directly, and Deir Ezzor province, east of the Euphrates and eastern Syria inside it.
    expect(result.inSyria.totalCount).toBe(6);
    expect(result.within.totalCount).toBe(0);
    expect(result.overlaps.nodes.map((n: any) => n.date.edtf)).toContain('2017-09');
  });
});

describe('the GraphiQL examples', () => {
  it('each run against the seed without errors and answer with data (subscriptions are validated; tested live in history.test.ts)', async () => {
    const { exampleTabs } = await import('../src/server/graphiql.ts');
    const { schema } = await import('../src/graphql/schema.ts');
    // A database file (as-of reads need one), and a key for the editing example.
    const { db: fileBacked } = fileDb();
    loadBundle(fileBacked, readBundleFile(SEED_BUNDLE_PATH));
    const tabs = exampleTabs(fileBacked);
    expect(tabs.length).toBeGreaterThanOrEqual(9);
    // No example names a record by an ID: those that need one find it by name.
    for (const { query } of tabs) expect(query).not.toMatch(/ID!? = "/);
    expect(tabs.filter((t) => t.variables).length).toBe(4);
    for (const { variables } of tabs) if (variables) expect(variables).not.toMatch(/in this database/);
    const editor = createApp({ db: fileBacked });
    const headers = { authorization: `Bearer ${createKey(fileBacked, 'examples', ['write'])}` };
    for (const { query, variables } of tabs) {
      const title = query.split('\n')[0];
      expect(validate(schema, parse(query)), title).toEqual([]);
      if (/^subscription /m.test(query)) continue;
      const result = await gql(editor, query, variables ? JSON.parse(variables) : undefined, headers);
      expect(result.errors, title).toBeUndefined();
      expect(JSON.stringify(result.data), title).not.toMatch(/"__typename":"\w+Error"/);
      expect(JSON.stringify(result.data).length, title).toBeGreaterThan(150);
    }
  });

  it('answer the same compiled as on graphql-js (a document runs compiled from its second run on)', async () => {
    const { exampleTabs } = await import('../src/server/graphiql.ts');
    const { compiledExecutions, loadCompiler } = await import('../src/server/compiled.ts');
    const { db: fileBacked } = fileDb();
    loadBundle(fileBacked, readBundleFile(SEED_BUNDLE_PATH));
    const queries = exampleTabs(fileBacked).filter((t) => /^query /m.test(t.query) && !/^(mutation|subscription) /m.test(t.query));
    expect(queries.length).toBeGreaterThanOrEqual(6);
    await loadCompiler();
    const app = createApp({ db: fileBacked });
    const answers = () => Promise.all(queries.map(({ query, variables }) => gql(app, query, variables ? JSON.parse(variables) : undefined)));
    const first = await answers();
    const before = compiledExecutions();
    const compiled = await answers();
    expect(compiledExecutions() - before).toBe(queries.length);
    // The same data, byte for byte (the cost extension differs: the client's budget went down).
    for (const [i, result] of compiled.entries()) expect(JSON.stringify(result.data), queries[i]!.query.split('\n')[0]).toBe(JSON.stringify(first[i]!.data));
    for (const result of compiled) expect(result.errors).toBeUndefined();
    // A client's mistakes read the same too: message, code, field, path and location.
    const mistakes = ['{ node(id: "nope") { id } }', '{ timeline(first: 2, after: "bad") { nodes { id } } }', '{ actors(first: 500) { nodes { id } } }', '{ timeline(first: 1) { nodes { id } }\n  e: node(id: "RXZlbnQ6OTk5OTk=") { id } }'];
    const refusals = () => Promise.all(mistakes.map((query) => gql(app, query).then(({ data, errors }) => JSON.stringify({ data, errors }))));
    const onGraphqlJs = await refusals();
    const count = compiledExecutions();
    expect(await refusals()).toEqual(onGraphqlJs);
    expect(compiledExecutions() - count).toBe(mistakes.length);
    expect(onGraphqlJs.join('\n')).toMatch(/"locations":\[\{"line":1,"column":3\}\]/);
  });
});
