import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/client.ts';
import { loadBundle } from '../src/domain/bundle.ts';
import { createApp } from '../src/server/app.ts';
import { generatedTimeline } from './builders.ts';
import { data, onPostgres, testDb, withStatements } from './helpers.ts';
import { isLean, itemsByIds } from '../src/domain/timeline.ts';
import { manyRows } from '../src/db/statements.ts';
import { decodeGlobalID } from '../src/domain/global-id.ts';
import { fullItem } from '../src/graphql/refs.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { openDatabase } from '../src/db/client.ts';
import { createKey } from '../src/domain/keys.ts';

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

// Everything at once: the same actors are reached at several depths. The page's own graph is
// fetched with it; what a deeper field reaches outside the page (a rebuttal of an item past the
// page's end) costs one more batch of that field, whatever the page's size.
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
    for (const n of [20, 50, 100]) expect((await statementsFor(EVERYTHING, { n })).length).toBeLessThanOrEqual(five + 1);
    expect(five).toBeLessThan(30);
  });

  it('are the same for nested connections under a page of 2 and of 4 actors', async () => {
    const query = `query($n: Int!) { actors(first: $n) { nodes { name claims(first: 10) { totalCount nodes { summary } } timeline(first: 5) { nodes { id } } } } }`;
    const two = await statementsFor(query, { n: 2 });
    const four = await statementsFor(query, { n: 4 });
    expect(four).toHaveLength(two.length);
  });

  it('read a page with the graph its query selects: one statement per relation, lean columns unless more are asked for', async () => {
    const tables = (sql: string[]) => sql.map((s) => s.match(/FROM (\w+)/)![1]);
    const plain = await statementsFor('{ timeline(first: 50) { nodes { id summary } } }', {});
    expect(tables(plain)).toEqual(['items']);
    expect(plain[0]).not.toMatch(/date_edtf|FROM items i LEFT JOIN events/);
    const graph = `{ timeline(first: 50) { nodes {
      id ... on Claim { claimant { name } spokesperson { name } quotes { text speaker { name } } }
      ... on Accusation { accused { name } } ... on Event { participants { role actor { name } } }
      linksOut { kind to { id summary } } linksIn { kind from { id } } } } }`;
    const read = await statementsFor(graph, {});
    // Citations with their quotes, and links with their other ends, each in one statement: the baseline's seven.
    expect(tables(read).sort()).toEqual(['actors', 'citations', 'claim_accused', 'event_participants', 'items', 'links', 'links']);
    expect(read.find((s) => /FROM citations/.test(s))).toMatch(/JOIN quotes/);
    expect(read.filter((s) => /FROM links/.test(s)).every((s) => /JOIN items i ON i\.id = t\.(to|from)_item_id/.test(s))).toBe(true);
    expect(read.every((s) => !/date_edtf/.test(s))).toBe(true);
    // A field a lean row lacks reads the full rows, of the page in one statement with them.
    const dated = await statementsFor('{ timeline(first: 50) { nodes { id date { edtf } } } }', {});
    expect(dated).toHaveLength(1);
    expect(dated[0]).toMatch(/date_edtf/);
  });

  it('answer the same for an item read lean as for the same item read whole', async () => {
    const fields = 'id summary date { edtf earliest } retraction { at } ... on Event { title kind status contexts } ... on Rebuttal { stance } ... on Statement { statementKind }';
    const { timeline } = await data(app, '{ timeline(first: 40) { nodes { linksOut { to { id } } linksIn { from { id } } } } }');
    const ids = [...new Set<string>(timeline.nodes.flatMap((n: any) => [...n.linksOut.map((l: any) => l.to.id), ...n.linksIn.map((l: any) => l.from.id)]))].slice(0, 100);
    expect(ids.length).toBeGreaterThan(20);
    const whole = (await data(app, `query($ids: [ID!]!) { nodes(ids: $ids) { ... on TimelineItem { ${fields} } } }`, { ids })).nodes;
    // Link ends read lean (only their ids are asked for), then every field of them: what a
    // lean row lacks is read for all of them in one more statement.
    const ctx = { db, editor: app.editor, authorization: null };
    const numbers = ids.map((id) => Number(decodeGlobalID(id).id));
    const lean = itemsByIds(db, numbers, 'lean').sort((a, b) => numbers.indexOf(a.id) - numbers.indexOf(b.id));
    expect(lean.every(isLean)).toBe(true);
    const { statements: read, result: full } = await withStatements(statements, () => Promise.all(lean.map((row) => fullItem(row, ctx))));
    expect(read).toHaveLength(1);
    expect(full.map((row) => row.dateEdtf)).toEqual(whole.map((n: any) => n.date.edtf));
    const viaApi = (await data(app, `{ timeline(first: 40) { nodes { linksOut { to { ${fields} } } linksIn { from { ${fields} } } } } }`)).timeline.nodes;
    const ends = new Map(viaApi.flatMap((n: any) => [...n.linksOut.map((l: any) => l.to), ...n.linksIn.map((l: any) => l.from)]).map((e: any) => [e.id, e]));
    expect(whole.map((n: any) => ends.get(n.id))).toEqual(whole);
  });

  it('read deep pages with the cost of the first page (keyset, no OFFSET)', async () => {
    const first = await statementsFor('{ timeline(first: 10) { pageInfo { endCursor } nodes { id } } }', {});
    expect(first.join('\n')).not.toMatch(/OFFSET/i);
    const { timeline } = await data(app, '{ timeline(first: 100) { pageInfo { endCursor } } }');
    const deep = await statementsFor('query($after: String) { timeline(first: 10, after: $after) { nodes { id } } }', { after: timeline.pageInfo.endCursor });
    expect(deep).toHaveLength(first.length);
    // The plan as SQLite gives it (PostgreSQL's planner chooses by its statistics).
    if (onPostgres) return;
    const plan = db.$client
      .prepare(`EXPLAIN QUERY PLAN ${deep.find((s) => s.includes('FROM items'))!}`)
      .all()
      .map((row: any) => row.detail as string);
    expect(plan.join('\n')).toMatch(/SEARCH i USING (COVERING )?INDEX items_date_idx \(date_earliest>\?\)/);
    expect(plan.join('\n')).not.toMatch(/USE TEMP B-TREE FOR ORDER BY/);
  });
});

describe('a request’s log line', () => {
  it('counts the SQL statements it ran, of a query, a mutation and an as-of read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'claimline-log-'));
    let ran = 0;
    const db = openDatabase({ file: join(dir, 'log.db'), onStatement: () => (ran += 1) });
    loadBundle(db, generatedTimeline({ events: 20 }));
    const lines: { statements?: number; operation?: string }[] = [];
    const app = createApp({ db, logger: pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) }) });
    const key = createKey(db, 'log-test', ['write']);
    const since = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 5));
    const { timeline } = await data(app, '{ timeline(first: 1) { nodes { id } } }');
    const logged = async (query: string, headers: Record<string, string> = {}) => {
      lines.length = 0;
      ran = 0;
      const response = await app.fetch('http://claimline.test/graphql', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }) });
      expect(((await response.json()) as { errors?: unknown }).errors).toBeUndefined();
      return lines.find((l) => l.operation === query.split(' ')[1])!.statements!;
    };
    // Every statement on the database, and no other: a read, a write (its transaction, its key, its answer).
    expect(await logged('query Page { timeline(first: 10) { nodes { id date { edtf } ... on Claim { claimant { name } } } } }')).toBe(ran);
    expect(await logged(`mutation Edit { eventUpdate(input: { id: "${timeline.nodes[0].id}", changes: { summary: "Revised." } }) { __typename } }`, { authorization: `Bearer ${key}` })).toBe(ran);
    // An as-of read runs on a second connection: its rewind counts too.
    const now = await logged('query Now { timeline(first: 10) { nodes { summary } } }');
    expect(await logged(`query Then { timeline(first: 10, asOf: "${since}") { nodes { summary } } }`)).toBeGreaterThan(now + 2);
    await app.editor.close();
    db.$client.close();
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('rows read as one JSON array on SQLite, as rows on PostgreSQL (src/db/statements.ts: manyRows)', () => {
  it('are the rows the driver reads, value for value, in the order asked', () => {
    const { db } = testDb();
    db.$client
      .prepare(onPostgres ? 'CREATE TABLE sample (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, big bigint, ratio double precision, label text)' : 'CREATE TABLE sample (id INTEGER PRIMARY KEY, big INTEGER, ratio REAL, label TEXT)')
      .run();
    const insert = db.$client.prepare('INSERT INTO sample (big, ratio, label) VALUES (?, ?, ?)');
    const values: [number | null, number | null, string | null][] = [
      // PostgreSQL's text holds no NUL (claimline copy refuses one: test/postgres.test.ts).
      [1_700_000_000_123, 0.1 + 0.2, 'ascii'], [-(2 ** 53) + 1, 1 / 3, 'ünïcødé “quoted” \\ "json"'], [null, 5e-324, null], [0, -1.7976931348623157e308, ''], [42, null, `${onPostgres ? '' : '\u0000'}nul and\nnewline`],
    ];
    for (const row of values) insert.run(...row);
    const text = 'SELECT id, big, ratio, label FROM sample WHERE id > ? ORDER BY id DESC';
    expect(manyRows(db, text, 'id DESC', [0])).toEqual(db.$client.prepare(text).all(0));
    expect(manyRows(db, text, 'id ASC', [0]).map((r: any) => r.id)).toEqual([1, 2, 3, 4, 5]);
    expect(manyRows(db, text, undefined, [99])).toEqual([]);
  });
});
