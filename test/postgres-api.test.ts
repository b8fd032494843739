import { createReadStream } from 'node:fs';
import { getNamedType, isAbstractType, isLeafType, isObjectType, isNonNullType, type GraphQLField, type GraphQLNamedType } from 'graphql';
import { schema } from '../src/graphql/schema.ts';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/client.ts';
import { copyRecord } from '../src/db/copy.ts';
import { openPostgresDb } from '../src/db/postgres.ts';
import { loadBundle, readBundleFile } from '../src/domain/bundle.ts';
import { runImport } from '../src/ingest/import.ts';
import { createApp, type App } from '../src/server/app.ts';
import { exampleTabs } from '../src/server/graphiql.ts';
import { fileDb, gql } from './helpers.ts';
import { FIXTURES, SEED_BUNDLE_PATH } from './paths.ts';
import { freshPostgres, postgresMissing } from './postgres.ts';

// The same API over the same record on either engine: the seed, a GDELT sample and the PLOVER
// records, in an SQLite file and copied into PostgreSQL, each read through its own app. Every
// answer of a read must be the same, byte for byte once parsed.

describe.skipIf(postgresMissing !== '')('the API on PostgreSQL', () => {
  let sqlite: Db;
  let postgres: Db;
  let apps: { sqlite: App; postgres: App };
  beforeAll(async () => {
    ({ db: sqlite } = fileDb());
    loadBundle(sqlite, readBundleFile(SEED_BUNDLE_PATH));
    await runImport(sqlite, { format: 'gdelt-events', file: 'events', input: createReadStream(join(FIXTURES, 'gdelt-2.0-events-sample/20191024143000.export.CSV')) });
    await runImport(sqlite, { format: 'plover', file: 'gsr', input: createReadStream(join(FIXTURES, 'plover-gold-standard-records/PLOVER_GSR_CAMEO.json')), skipInvalid: true });
    const urls = await freshPostgres();
    postgres = openPostgresDb(urls.primary);
    copyRecord(sqlite, (postgres.$client as unknown as { connection: Parameters<typeof copyRecord>[1] }).connection);
    // No rate limit: each answer's extensions then say what it cost, and nothing of what came before.
    const limits = { ratePoints: 0, cost: 1_000_000_000, depth: 40, tokens: 1_000_000, aliases: 1_000_000 };
    apps = { sqlite: createApp({ db: sqlite, limits }), postgres: createApp({ db: postgres, limits }) };
  });
  afterAll(async () => {
    await apps?.sqlite.editor.close();
    await apps?.postgres.editor.close();
    postgres?.$client.close();
    sqlite?.$client.close();
  });

  /** The answer of each app to the same request. */
  async function both(query: string, variables?: Record<string, unknown>) {
    return { sqlite: await gql(apps.sqlite, query, variables), postgres: await gql(apps.postgres, query, variables) };
  }

  /** An answer without what each engine's search ranks and quotes its own way (README: Growing past one machine). */
  const unranked = (answer: unknown) => JSON.parse(JSON.stringify(answer, (key, value) => (key === 'score' || key === 'snippet' ? undefined : value)));

  const reads = exampleTabs().filter((tab) => /^query /m.test(tab.query) && !/asOf/.test(tab.query));
  it.each(reads.map((tab) => [tab.query.match(/^query (\w+)/m)![1]!, tab.query] as const))('answers the example %s as SQLite does', async (_, query) => {
    const variables = exampleTabs(sqlite).find((tab) => tab.query === query)?.variables;
    const answers = await both(query, variables ? JSON.parse(variables) : undefined);
    expect(answers.sqlite.errors).toBeUndefined();
    expect(unranked(answers.postgres)).toEqual(unranked(answers.sqlite));
  });

  it('searches as SQLite does: the same hits for words and prefixes, each ranked best first and quoted around the word', async () => {
    for (const words of ['ISIS', 'coalition strikes', 'Konash*', 'pentagon', 'Syria*']) {
      const query = `query ($q: String!) { search(query: $q, first: 100) { totalCount edges { score snippet node { id } } } }`;
      const answers = await both(query, { q: words });
      expect(answers.sqlite.data.search.totalCount, words).toBeGreaterThan(0);
      const ids = (answer: typeof answers.sqlite) => answer.data.search.edges.map((e: { node: { id: string } }) => e.node.id).sort();
      expect(answers.postgres.data.search.totalCount, words).toBe(answers.sqlite.data.search.totalCount);
      expect(ids(answers.postgres), words).toEqual(ids(answers.sqlite));
      for (const answer of [answers.sqlite, answers.postgres]) {
        const scores = answer.data.search.edges.map((e: { score: number }) => e.score);
        expect(scores, words).toEqual([...scores].sort((a, b) => a - b));
        expect(answer.data.search.edges.every((e: { snippet: string }) => /\[[^\]]+\]/.test(e.snippet)), words).toBe(true);
      }
    }
  });

  /**
   * Every field of a type that needs no argument, to `depth` levels of objects below it (each
   * abstract type by each of its object types): a read of everything the API says of a record.
   */
  function everything(type: GraphQLNamedType, depth: number): string {
    if (isAbstractType(type)) {
      return `__typename ${schema.getPossibleTypes(type).map((t) => `... on ${t.name} { ${everything(t, depth)} }`).join(' ')}`;
    }
    if (!isObjectType(type)) return '';
    // Each field aliased by its type: two types' fields of one name may differ in type.
    const as = (f: GraphQLField<unknown, unknown>) => `${type.name}_${f.name}: ${f.name}`;
    return Object.values(type.getFields())
      .filter((f) => !f.args.some((a) => isNonNullType(a.type) && a.defaultValue === undefined))
      .map((f) => {
        const named = getNamedType(f.type);
        if (isLeafType(named)) return as(f);
        if (depth === 0 || f.name === 'history') return isObjectType(named) && 'id' in named.getFields() ? `${as(f)} { id }` : '';
        const inner = everything(named, depth - 1);
        return inner ? `${as(f)} { ${inner} }` : '';
      })
      .filter(Boolean)
      .join(' ');
  }

  const globalId = (type: string, id: number) => Buffer.from(`${type}:${id}`).toString('base64');
  const first = (sql: string) => sqlite.$client.prepare(sql).pluck().get() as number;

  it('reads every field of every kind of record as SQLite does, nested two deep', async () => {
    const ids = [
      globalId('Actor', first("SELECT id FROM actors WHERE name = 'Rob Manning'")),
      globalId('Place', first('SELECT id FROM places WHERE parent_id IS NOT NULL ORDER BY id')),
      globalId('Source', 1),
      globalId('Quote', first('SELECT id FROM quotes ORDER BY id')),
      ...sqlite.$client.prepare("SELECT id, type FROM items WHERE id IN (SELECT min(id) FROM items GROUP BY type)").all().map((r) => {
        const { id, type } = r as { id: number; type: string };
        return globalId(type === 'EVENT' ? 'Event' : type === 'ACCUSATION' ? 'Accusation' : type === 'REBUTTAL' ? 'Rebuttal' : 'Statement', id);
      }),
      globalId('Event', first("SELECT item_id FROM gdelt_codings ORDER BY item_id")),
      globalId('Event', first("SELECT item_id FROM item_identifiers WHERE scheme = 'PLOVER' ORDER BY item_id")),
    ];
    const query = `query ($ids: [ID!]!) { nodes(ids: $ids) { ${everything(schema.getType('Node')!, 2)} } }`;
    const answers = await both(query, { ids });
    expect(answers.sqlite.errors).toBeUndefined();
    expect(answers.sqlite.data.nodes.every(Boolean)).toBe(true);
    expect(unranked(answers.postgres)).toEqual(unranked(answers.sqlite));
  });

  it('pages, orders and filters the timeline and every list as SQLite does', async () => {
    const item = everything(schema.getType('TimelineItem')!, 1);
    const actor = globalId('Actor', first("SELECT id FROM actors WHERE name = 'Russian military'"));
    const place = globalId('Place', first('SELECT place_id FROM item_places GROUP BY place_id ORDER BY count(*) DESC, place_id'));
    const gdelt = sqlite.$client.prepare("SELECT value FROM item_identifiers WHERE scheme = 'GDELT' ORDER BY value").pluck().get() as string;
    const filters: Record<string, unknown>[] = [
      {},
      { types: ['EVENT'] },
      { types: ['ACCUSATION', 'REBUTTAL'] },
      { eventKinds: ['ASSAULT', 'COERCE'] },
      { statuses: ['REPORTED'] },
      { date: { from: '2019-10-24', to: '2019-10-24' } },
      { date: { from: '2017-09', to: '2017-10-10', match: 'WITHIN' } },
      { date: { from: '2019' } },
      { places: [place] },
      { area: { south: 30, west: 30, north: 40, east: 45 } },
      { area: { south: -90, west: 170, north: 90, east: -170 } },
      { actors: [actor] },
      { actors: [actor], actorRoles: ['ACCUSER'] },
      { actors: [actor], followRelations: ['SPOKESPERSON_FOR'] },
      { actors: [actor], resolve: 'RESOLVED' },
      { resolve: 'RESOLVED', types: ['EVENT'] },
      { sources: [globalId('Source', 1)] },
      { identifiers: [{ scheme: 'GDELT', value: gdelt }] },
      { rebutted: true },
      { rebutted: false, types: ['ACCUSATION'] },
      { search: 'Syria*' },
      { search: 'coalition', types: ['ACCUSATION', 'STATEMENT'] },
    ];
    const page = `totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { ${item} } }`;
    for (const filter of filters) {
      for (const direction of ['ASC', 'DESC']) {
        const query = `query ($filter: TimelineFilter, $after: String) { timeline(first: 7, after: $after, filter: $filter, orderBy: { direction: ${direction} }) { ${page} } }`;
        let after: string | null = null;
        for (let pages = 0; pages < 3; pages++) {
          const answers = await both(query, { filter, after });
          expect(answers.sqlite.errors, JSON.stringify(filter)).toBeUndefined();
          expect(unranked(answers.postgres), `${JSON.stringify(filter)} ${direction} page ${pages}`).toEqual(unranked(answers.sqlite));
          if (!answers.sqlite.data.timeline.pageInfo.hasNextPage) break;
          after = answers.sqlite.data.timeline.pageInfo.endCursor;
        }
      }
    }
    const lists = [
      `timeline(last: 5) { ${page} }`,
      `claims(first: 10, orderBy: { direction: DESC }) { totalCount nodes { id summary } }`,
      `events(first: 10, filter: { types: [EVENT] }) { totalCount nodes { id title } }`,
      `actors(first: 30) { totalCount nodes { id name kind country } pageInfo { endCursor } }`,
      `actors(first: 30, orderBy: { direction: DESC }) { totalCount nodes { id name } }`,
      `actors(first: 30, filter: { kinds: [STATE, MILITARY] }) { totalCount nodes { id name } }`,
      `actors(first: 30, filter: { countries: ["US", "RU"] }) { totalCount nodes { id name } }`,
      `places(first: 30) { totalCount nodes { id name kind parent { name } children { name } } }`,
      `places(first: 30, filter: { kinds: [CITY] }) { totalCount nodes { id name } }`,
      `sources(first: 30) { totalCount nodes { id title publisher url publishedAt { edtf } } }`,
      `sources(first: 30, orderBy: { direction: DESC }) { totalCount nodes { id } }`,
      `itemByIdentifier(scheme: GDELT, value: "${gdelt}") { id summary }`,
      `path(from: "${actor}", to: "${globalId('Actor', first("SELECT id FROM actors WHERE name = 'Rob Manning'"))}") { length steps { __typename } }`,
    ];
    for (const field of lists) {
      const answers = await both(`{ ${field} }`);
      expect(answers.sqlite.errors, field).toBeUndefined();
      expect(unranked(answers.postgres), field).toEqual(unranked(answers.sqlite));
    }
  });

  it('counts and draws the network as SQLite does', async () => {
    for (const period of ['DAY', 'WEEK', 'MONTH', 'YEAR']) {
      for (const groupBy of ['NONE', 'TYPE', 'EVENT_KIND', 'ACTOR', 'PLACE']) {
        for (const resolve of ['AS_RECORDED', 'RESOLVED']) {
          const field = `timelineCounts(period: ${period}, groupBy: ${groupBy}, resolve: ${resolve}) { ${everything(schema.getType('TimelineCounts')!, 1)} }`;
          const answers = await both(`{ ${field} }`);
          expect(answers.sqlite.errors, field).toBeUndefined();
          expect(answers.postgres, field).toEqual(answers.sqlite);
        }
      }
    }
    for (const args of ['', '(resolve: RESOLVED)', '(itemsPerEdge: 0)', '(filter: { types: [EVENT] }, itemsPerEdge: 2)']) {
      const field = `actorNetwork${args} { ${everything(schema.getType('ActorNetwork')!, 1)} }`;
      const answers = await both(`{ ${field} }`);
      expect(answers.sqlite.errors, field).toBeUndefined();
      expect(answers.postgres, field).toEqual(answers.sqlite);
    }
  });
});

