import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/client.ts';
import { globalId as gid } from '../src/domain/global-id.ts';
import { shortestPath } from '../src/domain/graph.ts';
import { loadBundle, readBundleFile } from '../src/domain/bundle.ts';
import { write } from '../src/domain/write.ts';
import { createApp } from '../src/server/app.ts';
import { generatedTimeline } from './builders.ts';
import { data, fileDb, gql, loadLarge, seededDb, testDb, withStatements } from './helpers.ts';
import { SEED_BUNDLE_PATH } from './paths.ts';

// The research queries: precise filters, graph walks and aggregates, over the seed article and
// over 10,000 generated items (where size matters: statement counts, sums, edges).

const idOf = (db: Db, sql: string, ...params: unknown[]) => (db.$client.prepare(sql).get(...params) as { id: number }).id;
const ITEM_TYPENAME: Record<string, string> = { EVENT: 'Event', ACCUSATION: 'Accusation', REBUTTAL: 'Rebuttal', STATEMENT: 'Statement' };

describe('research queries over the seed article', () => {
  let db: Db;
  let app: ReturnType<typeof createApp>;
  const actor = (name: string) => gid('Actor', idOf(db, 'SELECT id FROM actors WHERE name = ?', name));
  const place = (name: string) => gid('Place', idOf(db, 'SELECT id FROM places WHERE name = ?', name));
  const item = (summaryStart: string) => {
    const row = db.$client.prepare('SELECT id, type FROM items WHERE summary LIKE ?').get(`${summaryStart}%`) as { id: number; type: string };
    return gid(ITEM_TYPENAME[row.type]!, row.id);
  };
  const summaries = async (filter: object, extra = '') =>
    (await data(app, `query($filter: TimelineFilter) { timeline(filter: $filter, first: 100${extra}) { totalCount nodes { summary } } }`, { filter })).timeline;

  beforeAll(() => {
    db = seededDb().db;
    app = createApp({ db });
  });

  describe('filters', () => {
    it('finds an accuser’s accusations, and with relations followed, those of the bodies that speak for it', async () => {
      const direct = await summaries({ actors: [actor('Russia')], actorRoles: ['ACCUSER'] });
      expect(direct.nodes.map((n: any) => n.summary)).toEqual([expect.stringMatching(/^Over the past month Moscow has repeatedly accused/)]);
      // Konashenkov speaks for the Ministry, which is part of Russia: its accusation counts for Russia.
      const followed = await summaries({ actors: [actor('Russia')], actorRoles: ['ACCUSER'], followRelations: ['SPOKESPERSON_FOR', 'PART_OF'] });
      expect(followed.totalCount).toBe(2);
      expect(followed.nodes.map((n: any) => n.summary)).toEqual([
        expect.stringMatching(/^Over the past month Moscow/),
        expect.stringMatching(/^The Russian military, through its spokesman Igor Konashenkov/),
      ]);
      // Only the relations named are followed.
      expect((await summaries({ actors: [actor('Russia')], actorRoles: ['ACCUSER'], followRelations: ['BACKS'] })).totalCount).toBe(1);
      const rebutter = await summaries({ actors: [actor('United States Department of Defense')], actorRoles: ['REBUTTER'] });
      expect(rebutter.nodes.map((n: any) => n.summary)).toEqual([expect.stringMatching(/^The Pentagon, through its spokesman Colonel Rob Manning, fla/)]);
      // The spokesman's own words: every claim he made, accusations, statements and rebuttals alike.
      expect((await summaries({ actors: [actor('Igor Konashenkov')], actorRoles: ['SPOKESPERSON'] })).totalCount).toBe(3);
      // A participant in a given role.
      const targets = await summaries({ types: ['EVENT'], actors: [actor('Islamic State')], actorRoles: ['TARGET'] });
      expect(targets.totalCount).toBe(3);
    });

    it('finds unanswered accusations and rebutted claims', async () => {
      const unanswered = await summaries({ types: ['ACCUSATION'], rebutted: false });
      expect(unanswered.nodes.map((n: any) => n.summary)).toEqual([expect.stringMatching(/^Over the past month Moscow/)]);
      const rebutted = await summaries({ rebutted: true });
      // The question is dated from September (it asks about September's cut), before Tuesday's accusation.
      expect(rebutted.nodes.map((n: any) => n.summary)).toEqual([
        expect.stringMatching(/^Konashenkov asks whether/),
        expect.stringMatching(/^The Russian military, through its spokesman/),
      ]);
      // Events are never rebutted, nor unrebutted.
      expect((await summaries({ types: ['EVENT'], rebutted: false })).totalCount).toBe(0);
    });

    it('finds events at a place and its sub-places, and items citing a source', async () => {
      const syria = await summaries({ places: [place('Syria')] });
      const deirEzzor = await summaries({ places: [place('Deir Ezzor province')] });
      expect(deirEzzor.totalCount).toBeGreaterThan(0);
      expect(syria.totalCount).toBeGreaterThan(deirEzzor.totalCount);
      const source = gid('Source', idOf(db, 'SELECT id FROM sources'));
      expect((await summaries({ sources: [source] })).totalCount).toBe((await summaries({})).totalCount);
    });

    it('combines full-text search with any filter, matching an item’s words or the quotes it cites', async () => {
      const all = await summaries({ search: 'absolutely false' });
      // "absolutely false" is in the Pentagon's quoted words, not in any summary.
      expect(all.nodes.map((n: any) => n.summary)).toEqual([expect.stringMatching(/^The Pentagon, through its spokesman/)]);
      expect((await summaries({ search: 'absolutely false', types: ['ACCUSATION'] })).totalCount).toBe(0);
      const coalition = await summaries({ search: 'coalition' });
      const coalitionEvents = await summaries({ search: 'coalition', types: ['EVENT'] });
      expect(coalitionEvents.totalCount).toBeGreaterThan(0);
      expect(coalition.totalCount).toBeGreaterThan(coalitionEvents.totalCount);
      const refused = await gql(app, 'query { timeline(filter: { search: "**" }) { totalCount } }');
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.search' });
    });

    it('tells overlapping from certainly within a range, and orders both ways', async () => {
      // "2017-09" overlaps 15–20 September but is not certainly within it.
      const september = item('According to the Russian military, the US-led coalition shar');
      const range = (match: string) => ({ date: { from: '2017-09-15', to: '2017-09-20', match } });
      const overlapping = await data(app, 'query($f: TimelineFilter) { timeline(filter: $f, first: 100) { nodes { id } } }', { f: range('OVERLAPS') });
      const within = await data(app, 'query($f: TimelineFilter) { timeline(filter: $f, first: 100) { nodes { id } } }', { f: range('WITHIN') });
      expect(overlapping.timeline.nodes.map((n: any) => n.id)).toContain(september);
      expect(within.timeline.nodes.map((n: any) => n.id)).not.toContain(september);
      const ascending = (await summaries({}, ', orderBy: { direction: ASC }')).nodes.map((n: any) => n.summary);
      const descending = (await summaries({}, ', orderBy: { direction: DESC }')).nodes.map((n: any) => n.summary);
      expect(descending).toEqual([...ascending].reverse());
    });

    it('names the field of a bad filter', async () => {
      const cases: [string, object][] = [
        ['filter.followRelations', { followRelations: ['PART_OF'] }],
        ['filter.area.north', { area: { south: 40, west: 30, north: 30, east: 40 } }],
      ];
      for (const [field, filter] of cases) {
        const result = await gql(app, 'query($f: TimelineFilter) { timeline(filter: $f) { totalCount } }', { f: filter });
        expect(result.errors?.[0]?.extensions, field).toMatchObject({ code: 'BAD_USER_INPUT', field });
      }
      const latitude = await gql(app, 'query { timeline(filter: { area: { south: -91, west: 0, north: 0, east: 1 } }) { totalCount } }');
      expect(latitude.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.area.south' });
    });
  });

  describe('graph walks', () => {
    it('gives a claim’s whole exchange, in date order, with its links', async () => {
      const accusation = item('The Russian military, through its spokesman Igor Konashenkov');
      const { node } = await data(app, `query($id: ID!) { node(id: $id) { ... on Claim { thread { claims { summary } links { kind from { id } to { id } } } } } }`, { id: accusation });
      expect(node.thread.claims.map((c: any) => c.summary)).toEqual([
        expect.stringMatching(/^Konashenkov asks whether/),
        expect.stringMatching(/^The Russian military, through its spokesman/),
        expect.stringMatching(/^The Pentagon, through its spokesman/),
        expect.stringMatching(/^Rob Manning urges/),
      ]);
      expect(node.thread.links.map((l: any) => l.kind).sort()).toEqual(['REBUTS', 'REBUTS', 'RESPONDS_TO']);
    });

    it('finds the shortest path between two actors, and between an item and an actor', async () => {
      const query = `query($from: ID!, $to: ID!, $max: Int) { path(from: $from, to: $to, maxLength: $max) {
        length steps { via role forward from { id ... on Actor { name } } to { id ... on Actor { name } } link { kind } relation { kind } } } }`;
      const { path } = await data(app, query, { from: actor('Igor Konashenkov'), to: actor('Rob Manning') });
      // Konashenkov said a claim, the Pentagon's rebuttal rebuts it, Manning said the rebuttal.
      expect(path.length).toBe(3);
      expect(path.steps.map((s: any) => [s.via, s.role ?? s.link?.kind, s.forward])).toEqual([
        ['ROLE', 'SPOKESPERSON', true],
        ['LINK', 'REBUTS', false],
        ['ROLE', 'SPOKESPERSON', false],
      ]);
      expect(path.steps[0].from.name).toBe('Igor Konashenkov');
      expect(path.steps[2].to.name).toBe('Rob Manning');
      // Each step starts where the last ended.
      for (let i = 1; i < path.steps.length; i++) expect(path.steps[i].from.id).toBe(path.steps[i - 1].to.id);
      // Relations count: Konashenkov speaks for the Ministry, part of Russia.
      const relations = (await data(app, query, { from: actor('Igor Konashenkov'), to: actor('Russia') })).path;
      expect(relations.steps.map((s: any) => [s.relation.kind, s.forward])).toEqual([['SPOKESPERSON_FOR', true], ['PART_OF', true]]);
      // Too short a limit finds nothing.
      expect((await data(app, query, { from: actor('Igor Konashenkov'), to: actor('Rob Manning'), max: 2 })).path).toBeNull();
    });

    it('leaves retracted items out of a path', async () => {
      const fresh = seededDb().db;
      const freshApp = createApp({ db: fresh });
      const query = 'query($from: ID!, $to: ID!) { path(from: $from, to: $to) { length steps { from { id } to { id } } } }';
      const ends = { from: actor('Igor Konashenkov'), to: actor('Rob Manning') };
      const rebuttal = idOf(fresh, "SELECT id FROM items WHERE type = 'REBUTTAL' AND summary LIKE 'The Pentagon, through its spokesman%'");
      const through = (path: any) => path?.steps.flatMap((s: any) => [s.from.id, s.to.id]) ?? [];
      expect(through((await data(freshApp, query, ends)).path)).toContain(gid('Rebuttal', rebuttal));
      write(fresh, { operation: 'test', keyName: null }, (w) => w.retract('item', rebuttal, 'a test'));
      expect(through((await data(freshApp, query, ends)).path)).not.toContain(gid('Rebuttal', rebuttal));
    });

    it('refuses a path end that is not an actor or an item, or does not exist', async () => {
      const run = (from: string) => gql(app, 'query($from: ID!, $to: ID!) { path(from: $from, to: $to) { length } }', { from, to: actor('Russia') });
      expect((await run(gid('Source', 1))).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'from' });
      expect((await run(gid('Actor', 999))).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'from' });
      expect((await run('nonsense')).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'from' });
    });

    it('draws the actor network with counts and the items behind each edge', async () => {
      const { actorNetwork } = await data(app, `{ actorNetwork { actors { name } edges { kind count source { name } target { name } items { summary } } } }`);
      const edge = (kind: string, source: string, target: string) =>
        actorNetwork.edges.find((e: any) => e.kind === kind && e.source.name === source && e.target.name === target);
      expect(edge('REBUTTED', 'United States Department of Defense', 'Russian military')).toMatchObject({ count: 1 });
      expect(edge('ACCUSED', 'Russian military', 'US-led coalition')).toMatchObject({ count: 1 });
      expect(edge('ACTED_AGAINST', 'US-led coalition', 'Islamic State')).toMatchObject({ count: 2 });
      expect(edge('BACKED', 'Russian air force', 'Syrian army')).toMatchObject({ count: 1 });
      for (const e of actorNetwork.edges) expect(e.items).toHaveLength(Math.min(e.count, 5));
      // A period narrows the network to the items in it.
      const october = await data(app, `{ actorNetwork(filter: { date: { from: "2017-10", to: "2017-10", match: WITHIN } }) { edges { kind } } }`);
      expect(october.actorNetwork.edges.length).toBeLessThan(actorNetwork.edges.length);
    });
  });

  describe('counts per period', () => {
    it('counts what certainly falls in each period and reports the uncertain rest apart', async () => {
      const counts = async (period: string, groupBy = 'NONE') =>
        (await data(app, `query($p: Period!, $g: CountGroup) { timelineCounts(period: $p, groupBy: $g) {
          periods { period { edtf } count type actor { name } } uncertain { count earliest latest type actor { name } } } }`, { p: period, g: groupBy })).timelineCounts;
      const total = (await summaries({})).totalCount;
      const byDay = await counts('DAY');
      // Only Moscow's accusation is dated Tuesday 10 October exactly; the Pentagon's reply came that
      // day or the next, Konashenkov's statement no later than publication (its start is open).
      expect(byDay.periods).toEqual([
        { period: { edtf: '2017-10-09' }, count: 1, type: null, actor: null },
        { period: { edtf: '2017-10-10' }, count: 1, type: null, actor: null },
      ]);
      expect(byDay.uncertain).toEqual([{ count: total - 2, earliest: null, latest: null, type: null, actor: null }]);
      const byWeek = await counts('WEEK');
      expect(byWeek.periods).toEqual([{ period: { edtf: '2017-10-09/2017-10-15' }, count: 4, type: null, actor: null }]);
      for (const period of ['DAY', 'WEEK', 'MONTH', 'YEAR']) {
        const c = await counts(period);
        const sum = c.periods.reduce((n: number, p: any) => n + p.count, 0) + c.uncertain.reduce((n: number, u: any) => n + u.count, 0);
        expect(sum, period).toBe(total);
      }
      const byType = await counts('YEAR', 'TYPE');
      expect(byType.periods.find((p: any) => p.period.edtf === '2017' && p.type === 'ACCUSATION').count).toBe(2);
      const byActor = await counts('MONTH', 'ACTOR');
      expect(byActor.periods.find((p: any) => p.period.edtf === '2017-10' && p.actor?.name === 'Igor Konashenkov').count).toBe(1);
      // Grouped by event kind, claims count under their own type: every item is in one group.
      const byKind = await data(app, `{ timelineCounts(period: YEAR, groupBy: EVENT_KIND) { periods { count type eventKind } uncertain { count type eventKind } } }`);
      const groups = [...byKind.timelineCounts.periods, ...byKind.timelineCounts.uncertain];
      expect(groups.reduce((n: number, g: any) => n + g.count, 0)).toBe(total);
      expect(groups.filter((g: any) => g.type !== null).every((g: any) => g.eventKind === null && ['ACCUSATION', 'REBUTTAL', 'STATEMENT'].includes(g.type))).toBe(true);
      expect(groups.filter((g: any) => g.type === 'ACCUSATION').reduce((n: number, g: any) => n + g.count, 0)).toBe(2);
    });
  });
});

describe('research queries over 10,000 generated items', () => {
  const EVENTS = 4000; // each with an accusation, and every other one a rebuttal: 10,000 items
  let db: Db;
  let statements: string[];
  let app: ReturnType<typeof createApp>;

  beforeAll(() => {
    ({ db, statements } = testDb());
    loadLarge(db, generatedTimeline({ events: EVENTS }));
    app = createApp({ db });
  });

  const statementsFor = async (query: string, variables: Record<string, unknown>) => {
    const { result, statements: ran } = await withStatements(statements, () => data(app, query, variables));
    return { result, count: ran.length };
  };
  const actor = (key: string) => gid('Actor', idOf(db, 'SELECT id FROM actors WHERE name = ?', `Actor ${key}`));

  it('holds 10,000 items', async () => {
    expect((await data(app, '{ timeline { totalCount } }')).timeline.totalCount).toBe(10_000);
  });

  it('filters with every new filter at once in the same statements for a page of 5 and of 100', async () => {
    const query = `query($n: Int!, $f: TimelineFilter) { timeline(first: $n, filter: $f) { totalCount nodes { id __typename ... on Claim { thread { claims { __typename } links { kind } } } } } }`;
    const filter = { actors: [actor('alpha')], actorRoles: ['ACCUSER', 'REBUTTER'], followRelations: ['PART_OF'], search: 'strike*', date: { from: '2017', to: '2027', match: 'OVERLAPS' } };
    const five = await statementsFor(query, { n: 5, f: filter });
    const hundred = await statementsFor(query, { n: 100, f: filter });
    expect(hundred.result.timeline.nodes).toHaveLength(100);
    expect(hundred.count).toBe(five.count);
    // alpha accuses for events 3, 7, 11… and rebuts for events 0, 4, 8…: 1,000 accusations, 1,000 rebuttals.
    expect(hundred.result.timeline.totalCount).toBe(2000);
    // alpha's rebuttals answer accusations of even events: each thread is that accusation and the
    // rebuttal. Its accusations are of odd events, which nobody rebuts: each stands alone.
    for (const node of hundred.result.timeline.nodes) {
      const rebuttal = node.__typename === 'Rebuttal';
      expect(node.thread.claims.map((c: any) => c.__typename)).toEqual(rebuttal ? ['Accusation', 'Rebuttal'] : ['Accusation']);
      expect(node.thread.links.map((l: any) => l.kind)).toEqual(rebuttal ? ['REBUTS'] : []);
    }
  });

  it('finds unanswered accusations and events in a bounding box, including across the antimeridian', async () => {
    const count = async (filter: object) => (await data(app, 'query($f: TimelineFilter) { timeline(filter: $f) { totalCount } }', { f: filter })).timeline.totalCount;
    expect(await count({ types: ['ACCUSATION'], rebutted: false })).toBe(EVENTS / 2);
    expect(await count({ types: ['ACCUSATION'], rebutted: true })).toBe(EVENTS / 2);
    // Idlib (35.93 N, 36.63 E) holds the even events; Syria itself has no coordinates.
    expect(await count({ area: { south: 35, west: 36, north: 37, east: 37 } })).toBe(EVENTS / 2);
    expect(await count({ area: { south: 35, west: 37, north: 37, east: 38 } })).toBe(0);
    expect(await count({ area: { south: 35, west: 170, north: 37, east: 37 } })).toBe(EVENTS / 2);
    expect(await count({ area: { south: 35, west: 170, north: 37, east: 36 } })).toBe(0);
  });

  it('draws the network in one statement plus one per type loaded, with exact counts', async () => {
    const query = `query($n: Int!) { actorNetwork(itemsPerEdge: $n) { actors { name } edges { kind count source { name } target { name } items { id } } } }`;
    const small = await statementsFor(query, { n: 1 });
    const large = await statementsFor(query, { n: 100 });
    expect(large.count).toBe(small.count);
    const edges = large.result.actorNetwork.edges;
    const byKind = (kind: string) => edges.filter((e: any) => e.kind === kind).map((e: any) => [e.source.name, e.target.name, e.count]);
    // Accusation i: actor (i+1)%4 accuses actor i%4; event i: actor i%4 acts against (i+1)%4.
    expect(byKind('ACCUSED')).toEqual(expect.arrayContaining([['Actor bravo', 'Actor alpha', 1000], ['Actor alpha', 'Actor delta', 1000]]));
    expect(byKind('ACCUSED')).toHaveLength(4);
    expect(byKind('ACTED_AGAINST')).toHaveLength(4);
    // Rebuttals (even i) by actor i%4 rebut claims by actor (i+1)%4.
    expect(byKind('REBUTTED').sort()).toEqual([['Actor alpha', 'Actor bravo', 1000], ['Actor charlie', 'Actor delta', 1000]]);
    for (const edge of edges) expect(edge.items).toHaveLength(100);
  });

  it('counts per month exactly as a direct reading of the dates does', async () => {
    const { timelineCounts } = await data(app, '{ timelineCounts(period: MONTH, groupBy: TYPE) { periods { period { edtf } type count } uncertain { type count } } }');
    // An independent reckoning: each item's month if its earliest and latest instants share one.
    const expected = new Map<string, number>();
    const uncertain = new Map<string, number>();
    for (const row of db.$client.prepare('SELECT type, date_earliest AS e, date_latest AS l FROM items').all() as { type: string; e: number; l: number }[]) {
      const month = (ms: number) => (Math.abs(ms) < 8e15 ? new Date(ms).toISOString().slice(0, 7) : null);
      const [first, last] = [month(row.e), month(row.l)];
      if (first !== null && first === last) expected.set(`${first} ${row.type}`, (expected.get(`${first} ${row.type}`) ?? 0) + 1);
      else uncertain.set(row.type, (uncertain.get(row.type) ?? 0) + 1);
    }
    expect(new Map(timelineCounts.periods.map((p: any) => [`${p.period.edtf} ${p.type}`, p.count]))).toEqual(expected);
    expect(new Map(timelineCounts.uncertain.map((u: any) => [u.type, u.count]))).toEqual(uncertain);
    expect([...uncertain.values()].reduce((a, b) => a + b)).toBeGreaterThan(0);
  });

  it('finds a path in one statement per level', async () => {
    const query = `query($from: ID!, $to: ID!) { path(from: $from, to: $to) { length steps { via role } } }`;
    const { result, count } = await statementsFor(query, { from: actor('alpha'), to: actor('charlie') });
    // The first accusation accuses alpha, through charlie as spokesperson.
    expect(result.path.steps).toEqual([{ via: 'ROLE', role: 'ACCUSED' }, { via: 'ROLE', role: 'SPOKESPERSON' }]);
    // One statement for each end's existence, one per level walked, one per type loaded.
    expect(count).toBeLessThanOrEqual(6);
  });

  it('stops a path search that reaches too many records, saying so', () => {
    const alpha = { kind: 'ACTOR' as const, id: idOf(db, "SELECT id FROM actors WHERE name = 'Actor alpha'") };
    // An event of charlie against delta: alpha, spokesperson of its accusation, is 2 steps away, past thousands of its own items.
    const event = { kind: 'ITEM' as const, id: idOf(db, "SELECT max(p.event_id) AS id FROM event_participants p JOIN actors a ON a.id = p.actor_id WHERE a.name = 'Actor charlie' AND p.role = 'AGENT'") };
    expect(shortestPath(db, alpha, event, 8)?.length).toBe(2);
    expect(() => shortestPath(db, alpha, event, 8, 100)).toThrow(/more than 100 records: give a smaller maxLength/);
  });
});

describe('as of an earlier instant', () => {
  it('walks and counts the record as it stood', async () => {
    const { db } = fileDb();
    const before = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 5));
    loadBundle(db, readBundleFile(SEED_BUNDLE_PATH));
    const app = createApp({ db });
    const query = (asOf: string | null) =>
      data(app, `query($asOf: DateTime) { timelineCounts(period: YEAR, asOf: $asOf) { periods { count } uncertain { count } } }`, { asOf });
    expect((await query(before)).timelineCounts).toEqual({ periods: [], uncertain: [] });
    expect((await query(null)).timelineCounts.periods.length).toBeGreaterThan(0);
    const network = await data(app, 'query($asOf: DateTime) { actorNetwork(asOf: $asOf) { edges { count } } }', { asOf: before });
    expect(network.actorNetwork.edges).toEqual([]);
  });
});

describe('threads of any depth, with cycles', () => {
  it('walks rebuttals of rebuttals and responses, and ends on a cycle', async () => {
    const { db } = testDb();
    const claim = (key: string, type: string, date: string) => ({
      key, type, summary: `Claim ${key}.`, date, claimant: 'a', ...(type === 'REBUTTAL' ? { stance: 'DENIES' } : {}), citations: [{ source: 's' }],
    });
    loadBundle(db, {
      format: 'claimline-bundle', version: 1, namespace: 'test/thread',
      sources: [{ key: 's', title: 'A report', published: '2020-01-10', text: 'Text.' }],
      actors: [{ key: 'a', name: 'A', kind: 'STATE' }],
      claims: [
        { ...claim('c0', 'ACCUSATION', '2020-01-01'), accused: ['a'] },
        claim('c1', 'REBUTTAL', '2020-01-02'),
        claim('c2', 'REBUTTAL', '2020-01-03'),
        { ...claim('c3', 'STATEMENT', '2020-01-04'), statementKind: 'ASSERTION' },
        { ...claim('c4', 'STATEMENT', '2020-01-05'), statementKind: 'ASSERTION' },
        { ...claim('apart', 'STATEMENT', '2020-01-06'), statementKind: 'ASSERTION' },
      ],
      links: [
        { from: 'c1', kind: 'REBUTS', to: 'c0' },
        { from: 'c2', kind: 'REBUTS', to: 'c1' },
        { from: 'c3', kind: 'RESPONDS_TO', to: 'c2' },
        { from: 'c4', kind: 'RESPONDS_TO', to: 'c3' },
        { from: 'c3', kind: 'RESPONDS_TO', to: 'c4' },
      ],
    } as never);
    const app = createApp({ db });
    const ids = (db.$client.prepare("SELECT id FROM items ORDER BY date_earliest").all() as { id: number }[]).map((r) => r.id);
    const { nodes } = await data(app, 'query($ids: [ID!]!) { nodes(ids: $ids) { ... on Claim { summary thread { claims { summary } links { kind } } } } }', {
      ids: ids.map((id, i) => gid(i === 0 ? 'Accusation' : i < 3 ? 'Rebuttal' : 'Statement', id)),
    });
    const chain = ['Claim c0.', 'Claim c1.', 'Claim c2.', 'Claim c3.', 'Claim c4.'];
    for (const node of nodes.slice(0, 5)) expect(node.thread.claims.map((c: any) => c.summary)).toEqual(chain);
    expect(nodes[0].thread.links).toHaveLength(5);
    expect(nodes[5].thread.claims.map((c: any) => c.summary)).toEqual(['Claim apart.']);
  });
});
