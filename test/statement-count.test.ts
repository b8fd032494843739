import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/client.ts';
import { loadBundle } from '../src/domain/bundle.ts';
import { createApp } from '../src/server/app.ts';
import { generatedTimeline } from './builders.ts';
import { data, testDb, withStatements } from './helpers.ts';

// The number of SQL statements depends on the shape of the query, never on page sizes.
let app: ReturnType<typeof createApp>;
let statements: string[];
let db: Db;

beforeAll(() => {
  ({ db, statements } = testDb());
  loadBundle(db, generatedTimeline({ events: 60 }));
  // The deepest of these queries, at 100 a page, estimates more objects than the default cost
  // limit allows; the statement counts are what is measured here.
  app = createApp({ db, limits: { cost: 10_000_000 } });
});

const statementsFor = async (query: string, variables: Record<string, unknown>) => (await withStatements(statements, () => data(app, query, variables))).statements;

// A timeline view: every item with its date, sources and quotes, each claim with its speakers
// and what it is about or rebuts, each event with its places and participants' roles.
const TIMELINE_VIEW = `query($n: Int!) {
  timeline(first: $n) {
    totalCount
    pageInfo { endCursor }
    nodes {
      __typename id date { edtf label } summary
      sources { title }
      citations { quote { text start end matchesSource } }
      linksIn { kind from { id } }
      ... on Event { title status places { name parent { name } } quantities { value } participants { role } }
      ... on Claim { claimant { name aliases } spokesperson { name } about { title } rebuttals { summary } }
      ... on Accusation { accused { name } }
      ... on Rebuttal { stance rebuts { id } evidence { id } }
    }
  }
}`;

// Everything at once: the same actors are reached at several depths, so larger pages hit the
// DataLoader cache more often; the count may shrink as the page grows, but never grow.
const EVERYTHING = `query($n: Int!) {
  timeline(first: $n) {
    totalCount
    nodes {
      __typename id date { edtf label } summary
      sources { title }
      citations { source { title } quote { text start end speaker { name aliases } matchesSource } }
      linksOut { kind to { id summary } }
      linksIn { kind from { id } }
      ... on Event {
        title participants { role actor { name aliases identifiers { scheme } relations { kind } } }
        places { name parent { name } } quantities { value }
        claims { summary claimant { name } }
      }
      ... on Claim {
        claimant { name aliases } spokesperson { name } quotes { text }
        about { title places { name } } rebuttals { summary quotes { text } }
      }
      ... on Accusation { accused { name events(first: 3) { totalCount nodes { id } } } }
      ... on Rebuttal { rebuts { id } evidence { id } stance }
    }
  }
}`;

const types = async (query: string, n: number) => new Set((await data(app, query, { n })).timeline.nodes.map((i: any) => i.__typename));

describe('SQL statements per request', () => {
  it('are the same for a nested timeline page of 5 and of 50', async () => {
    // Both pages hold every type of item, so both exercise every field of the query.
    expect(await types(TIMELINE_VIEW, 5)).toEqual(new Set(['Event', 'Accusation', 'Rebuttal']));
    const five = await statementsFor(TIMELINE_VIEW, { n: 5 });
    const fifty = await statementsFor(TIMELINE_VIEW, { n: 50 });
    expect(five.length).toBeGreaterThan(10);
    expect(fifty).toHaveLength(five.length);
    // Not only the count: the same statements, with page-sized id lists.
    const shape = (sql: string) =>
      sql
        .replace(/json_each\('\[[^\]']*\]?'(\/\*[^*]*\*\/)?\)/g, "json_each('[…]')")
        .replace(/\d+(\.\d+)?/g, 'N')
        .replace(/N(, N)*/g, 'N…');
    expect(fifty.map(shape).sort()).toEqual(five.map(shape).sort());
  });

  it('never grow with the page, however deep the query', async () => {
    expect(await types(EVERYTHING, 5)).toEqual(new Set(['Event', 'Accusation', 'Rebuttal']));
    const five = (await statementsFor(EVERYTHING, { n: 5 })).length;
    for (const n of [20, 50, 100]) expect((await statementsFor(EVERYTHING, { n })).length).toBeLessThanOrEqual(five);
    expect(five).toBeLessThan(30);
  });

  it('are the same for nested connections under a page of 2 and of 4 actors', async () => {
    const query = `query($n: Int!) { actors(first: $n) { nodes { name claims(first: 10) { totalCount nodes { summary } } timeline(first: 5) { nodes { id } } } } }`;
    const two = await statementsFor(query, { n: 2 });
    const four = await statementsFor(query, { n: 4 });
    expect(four).toHaveLength(two.length);
  });

  it('read deep pages with the cost of the first page (keyset, no OFFSET)', async () => {
    const first = await statementsFor('{ timeline(first: 10) { pageInfo { endCursor } nodes { id } } }', {});
    expect(first.join('\n')).not.toMatch(/OFFSET/i);
    const { timeline } = await data(app, '{ timeline(first: 100) { pageInfo { endCursor } } }');
    const deep = await statementsFor('query($after: String) { timeline(first: 10, after: $after) { nodes { id } } }', { after: timeline.pageInfo.endCursor });
    expect(deep).toHaveLength(first.length);
    const plan = db.$client
      .prepare(`EXPLAIN QUERY PLAN ${deep.find((s) => s.includes('FROM items'))!}`)
      .all()
      .map((row: any) => row.detail as string);
    expect(plan.join('\n')).toMatch(/SEARCH i USING (COVERING )?INDEX items_date_idx \(date_earliest>\?\)/);
    expect(plan.join('\n')).not.toMatch(/USE TEMP B-TREE FOR ORDER BY/);
  });
});
