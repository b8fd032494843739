import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/client.ts';
import { globalId as id } from '../src/domain/global-id.ts';
import { createKey } from '../src/domain/keys.ts';
import { actorMatches, resolveMatches } from '../src/domain/matching.ts';
import { createApp } from '../src/server/app.ts';
import { data, gql } from './helpers.ts';
import { sharedDb } from './helpers.ts';
import { idsOf } from '../src/db/dialect.ts';
import { loadBundle, readBundleFile } from '../src/domain/bundle.ts';
import { FIXTURES, SEED_BUNDLE_PATH } from './paths.ts';
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { runImport } from '../src/ingest/import.ts';
import { write } from '../src/domain/write.ts';
import { parse as parseCsv } from 'csv-parse/sync';

// Same-as decisions: records that name one actor or one event, recorded with who decided and
// why, undone by a retraction; nothing they join is rewritten.

let db: Db;
let app: ReturnType<typeof createApp>;
let auth: Record<string, string>;

const count = (table: string) => (db.$client.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
const snapshot = () => Object.fromEntries(['changes', 'row_changes', 'same_as', 'same_as_members', 'actors', 'actor_aliases', 'items', 'citations'].map((t) => [t, count(t)]));
const actorNamed = (name: string) => id('Actor', (db.$client.prepare('SELECT id FROM actors WHERE name = ?').get(name) as { id: number }).id);
const eventIds = () => (db.$client.prepare("SELECT id FROM items WHERE type = 'EVENT' ORDER BY id").all() as { id: number }[]).map((r) => id('Event', r.id));
const RESULT = '__typename ... on Error { message } ... on ValidationError { field } ... on NotFoundError { field } ... on ConflictError { field }';

async function mutate(name: 'sameAs' | 'sameAsUndo', input: unknown, headers = auth) {
  const type = `${name[0]!.toUpperCase()}${name.slice(1)}`;
  const result = await gql(app, `mutation ($input: ${type}Input!) { ${name}(input: $input) { ${RESULT} ... on ${type}Success { sameAs { id kind reason decidedBy records { id } retraction { reason } } } } }`, { input }, headers);
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data[name];
}

beforeEach(() => {
  ({ db } = sharedDb());
  loadBundle(db, readBundleFile(SEED_BUNDLE_PATH));
  // Two more records of the seed's actors, as another source would give them.
  loadBundle(db, {
    format: 'claimline-bundle',
    version: 3,
    namespace: 'test/same-as',
    actors: [
      { key: 'russia', name: 'RUSSIA', kind: 'UNKNOWN', country: 'RU', codes: [{ scheme: 'CAMEO', value: 'RUS' }] },
      { key: 'russian-federation', name: 'Russian Federation', kind: 'STATE', country: 'RU' },
    ],
  });
  app = createApp({ db, limits: { ratePoints: 0 } });
  auth = { authorization: `Bearer ${createKey(db, 'analyst', ['write'])}` };
});

/** The groups table as the walk of standing decisions makes it: each joined record with its group's lowest id. */
const walkedGroups = () =>
  db.$client
    .prepare(`WITH RECURSIVE r(start, id) AS (SELECT m.actor_id, m.actor_id FROM same_as_members m JOIN same_as d ON d.id = m.same_as_id AND d.retracted_at IS NULL WHERE m.actor_id IS NOT NULL
      UNION SELECT r.start, o.actor_id FROM r JOIN same_as_members m ON m.actor_id = r.id JOIN same_as d ON d.id = m.same_as_id AND d.retracted_at IS NULL JOIN same_as_members o ON o.same_as_id = d.id)
      SELECT start AS actor_id, min(id) AS canonical_id FROM r GROUP BY start ORDER BY start`)
    .all();
const keptGroups = () => db.$client.prepare('SELECT actor_id, canonical_id FROM actor_groups ORDER BY actor_id').all();

describe('same-as decisions', () => {
  it('join records transitively, name who decided and why, and rewrite nothing', async () => {
    const [russia, upper, federation] = [actorNamed('Russia'), actorNamed('RUSSIA'), actorNamed('Russian Federation')];
    const citationsBefore = count('citations');
    const first = await mutate('sameAs', { records: [russia, upper], reason: 'GDELT codes the seed’s Russia RUS.' });
    expect(first).toMatchObject({ __typename: 'SameAsSuccess', sameAs: { kind: 'ACTOR', decidedBy: 'analyst', records: [{ id: russia }, { id: upper }], retraction: null } });
    await mutate('sameAs', { records: [upper, federation], reason: 'The official name.' });
    const read = await data(app, `{ node(id: "${federation}") { ... on Actor { name sameAs { name } sameAsDecisions { reason } history { nodes { operation by } } } } }`);
    expect(read.node.sameAs.map((a: { name: string }) => a.name)).toEqual(['Russia', 'RUSSIA']);
    const resolved = (await data(app, `{ node(id: "${upper}") { ... on Actor { resolved { actors { name } names } } } }`)).node.resolved;
    expect(resolved.actors.map((a: { name: string }) => a.name)).toEqual(['Russia', 'RUSSIA', 'Russian Federation']);
    expect(resolved.names.slice(0, 1)).toEqual(['Russia']);
    expect(resolved.names).toEqual(expect.arrayContaining(['RUSSIA', 'Russian Federation']));
    expect(new Set(resolved.names).size).toBe(resolved.names.length);
    expect(read.node.sameAsDecisions).toEqual([{ reason: 'The official name.' }]);
    expect(read.node.history.nodes.at(-1)).toEqual({ operation: 'sameAs', by: 'analyst' });
    expect(count('citations')).toBe(citationsBefore);
    expect(count('actors')).toBe(3 + 12);
    // Pairs a decision makes one leave the candidates.
    const pairs = actorMatches(db, 0).matches.map((m) => m.records.map((a) => id('Actor', a)).join());
    expect(pairs).not.toContain([russia, upper].join());
  });

  it('refuse what is not a decision, naming the field, and write nothing', async () => {
    const [russia, upper] = [actorNamed('Russia'), actorNamed('RUSSIA')];
    const [event] = eventIds();
    const cases: [unknown, string, string][] = [
      [{ records: [russia], reason: 'alone' }, 'ValidationError', 'input.records'],
      [{ records: [russia, russia], reason: 'twice' }, 'ValidationError', 'input.records.1'],
      [{ records: [russia, event], reason: 'mixed' }, 'ValidationError', 'input.records.1'],
      [{ records: [russia, id('Actor', 9999)], reason: 'missing' }, 'NotFoundError', 'input.records.1'],
      [{ records: [russia, id('Place', 1)], reason: 'a place' }, 'ValidationError', 'input.records.1'],
      [{ records: [russia, upper], reason: '' }, 'ValidationError', 'input.reason'],
      [{ records: [russia, upper], reason: 'bad \u0000 text' }, 'ValidationError', 'input.reason'],
    ];
    for (const [input, type, field] of cases) {
      const before = snapshot();
      const payload = await mutate('sameAs', input);
      expect([payload.__typename, payload.field?.join('.')], JSON.stringify(input)).toEqual([type, field]);
      expect(snapshot()).toEqual(before);
    }
    await mutate('sameAs', { records: [russia, upper], reason: 'once' });
    const again = await mutate('sameAs', { records: [upper, russia], reason: 'twice' });
    expect([again.__typename, again.field?.join('.')]).toEqual(['ConflictError', 'input.records']);
    const anonymous = await mutate('sameAs', { records: [russia, upper], reason: 'no key' }, {});
    expect(anonymous.__typename).toBe('UnauthorizedError');
  });

  it('are undone by a retraction that history and as-of reads keep', async () => {
    const [russia, upper] = [actorNamed('Russia'), actorNamed('RUSSIA')];
    const { sameAs: decision } = await mutate('sameAs', { records: [russia, upper], reason: 'same code' });
    const decidedAt = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 5));
    const undone = await mutate('sameAsUndo', { id: decision.id, reason: 'a different source meant the city' });
    expect(undone.sameAs.retraction).toEqual({ reason: 'a different source meant the city' });
    const twice = await mutate('sameAsUndo', { id: decision.id, reason: 'again' });
    expect([twice.__typename, twice.field?.join('.')]).toEqual(['ConflictError', 'input.id']);
    const missing = await mutate('sameAsUndo', { id: id('SameAs', 99), reason: 'none' });
    expect([missing.__typename, missing.field?.join('.')]).toEqual(['NotFoundError', 'input.id']);
    const now = await data(app, `{ node(id: "${russia}") { ... on Actor { sameAs { name } } } }`);
    expect(now.node.sameAs).toEqual([]);
    const then = await data(app, `{ node(id: "${russia}", asOf: "${decidedAt}") { ... on Actor { sameAs { name } } } }`);
    expect(then.node.sameAs).toEqual([{ name: 'RUSSIA' }]);
    const history = await data(app, `{ node(id: "${decision.id}") { ... on SameAs { history { nodes { operation rows { table operation } } } } } }`);
    expect(history.node.history.nodes).toEqual([
      { operation: 'sameAs', rows: [{ table: 'same_as', operation: 'INSERT' }] },
      { operation: 'sameAsUndo', rows: [{ table: 'same_as', operation: 'UPDATE' }] },
    ]);
  });

  it('join events as they join actors', async () => {
    const [a, b] = eventIds();
    const payload = await mutate('sameAs', { records: [a, b], reason: 'one strike, two reports' });
    expect(payload.sameAs.kind).toBe('EVENT');
    const read = await data(app, `{ node(id: "${b}") { ... on Event { sameAs { id } sameAsDecisions { kind } } } }`);
    expect(read.node).toEqual({ sameAs: [{ id: a }], sameAsDecisions: [{ kind: 'EVENT' }] });
  });

  it('claimline resolve decides the pairs above the score once, by name, with the evidence for a reason', () => {
    const options = { minScore: 0.95, reviewScore: 0.5, dryRun: true, decidedBy: 'analyst (resolve)' };
    const before = snapshot();
    const dry = resolveMatches(db, 'ACTOR', options);
    expect(snapshot()).toEqual(before);
    const rawId = (name: string) => (db.$client.prepare('SELECT id FROM actors WHERE name = ?').get(name) as { id: number }).id;
    expect(dry.decided.map((m) => m.records)).toEqual([[rawId('Russia'), rawId('RUSSIA')]]);
    expect(dry.review.every((m) => m.score >= 0.5 && m.score < 0.95)).toBe(true);
    const done = resolveMatches(db, 'ACTOR', { ...options, dryRun: false });
    expect(done.decided).toEqual(dry.decided);
    const decision = db.$client.prepare('SELECT kind, reason, decided_by AS "decidedBy" FROM same_as').all();
    expect(decision).toEqual([{ kind: 'ACTOR', decidedBy: 'analyst (resolve)', reason: expect.stringMatching(/^claimline resolve: score 0\.99\d+, at least 0\.95: NAME "Russia" and "RUSSIA": the same words; COUNTRY both RU$/) }]);
    expect(db.$client.prepare('SELECT operation, key_name AS "keyName" FROM changes ORDER BY id DESC LIMIT 1').get()).toEqual({ operation: 'resolve', keyName: 'analyst (resolve)' });
    // Run again, it finds nothing more to decide.
    expect(resolveMatches(db, 'ACTOR', { ...options, dryRun: false }).decided).toEqual([]);
  });

  it('keep each group as the standing decisions make it, through chains, undos and reads as of before', async () => {
    const [russia, upper, federation] = [actorNamed('Russia'), actorNamed('RUSSIA'), actorNamed('Russian Federation')];
    const first = await mutate('sameAs', { records: [upper, federation], reason: 'One state.' });
    const second = await mutate('sameAs', { records: [russia, upper], reason: 'One state.' });
    expect(keptGroups()).toEqual(walkedGroups());
    expect(keptGroups()).toHaveLength(3);
    expect(new Set(keptGroups().map((g: any) => g.canonical_id)).size).toBe(1);
    const between = new Date();
    await new Promise((resolve) => setTimeout(resolve, 5));
    // Undoing the first leaves Russia and RUSSIA one, and the Russian Federation alone.
    await mutate('sameAsUndo', { id: first.sameAs.id, reason: 'Taken back.' });
    expect(keptGroups()).toEqual(walkedGroups());
    expect(keptGroups()).toHaveLength(2);
    const names = async (asOf?: Date) =>
      (await data(app, `{ node(id: "${federation}"${asOf ? `, asOf: "${asOf.toISOString()}"` : ''}) { ... on Actor { sameAs { name } } } }`)).node.sameAs.map((a: { name: string }) => a.name);
    expect(await names()).toEqual([]);
    // As of before the undo, the three were one, as they stood.
    expect(await names(between)).toEqual(['Russia', 'RUSSIA']);
    expect(keptGroups()).toEqual(walkedGroups());
    await mutate('sameAsUndo', { id: second.sameAs.id, reason: 'Taken back.' });
    expect(keptGroups()).toEqual([]);
  });

  it('keep groups right through any sequence of decisions and undos', () => {
    // A seeded sequence over 60 actors: each step decides a pair or two, or undoes a decision.
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const origin = { operation: 'test', keyName: null };
    const actors = write(db, origin, (w) => Array.from({ length: 60 }, (_, i) => w.createActor({ name: `Actor ${i}`, kind: 'STATE', aliases: [], identifiers: [], codes: [] } as never, []))).result;
    const decisions: number[] = [];
    for (let step = 0; step < 300; step += 1) {
      write(db, origin, (w) => {
        if (decisions.length && random() < 0.3) {
          w.retract('sameAs', decisions.splice(Math.floor(random() * decisions.length), 1)[0]!, 'undone');
        } else {
          const pick = () => actors[Math.floor(random() * actors.length)]!;
          const records = [...new Set([pick(), pick(), ...(random() < 0.3 ? [pick()] : [])])];
          if (records.length > 1) decisions.push(w.sameAs('ACTOR', records, 'decided'));
        }
      });
      expect(keptGroups(), `after step ${step}`).toEqual(walkedGroups());
    }
    expect(keptGroups().length).toBeGreaterThan(10);
  });

  it('resolve reads: the network and counts by actor take each same-as group as one actor', async () => {
    await runImport(db, { format: 'gdelt-events', file: 'events', input: createReadStream(join(FIXTURES, 'gdelt-2.0-events-sample/20191024143000.export.CSV')) });
    resolveMatches(db, 'ACTOR', { minScore: 0.95, reviewScore: 0.95, dryRun: false, decidedBy: 'test' });
    const network = async (resolve: string) =>
      (await data(app, `{ actorNetwork(resolve: ${resolve}, itemsPerEdge: 100) { edges { kind count source { id name } target { id name } items { id } } } }`)).actorNetwork.edges as {
        kind: string; count: number; source: { id: string; name: string }; target: { id: string; name: string }; items: { id: string }[];
      }[];
    const recorded = await network('AS_RECORDED');
    const resolved = await network('RESOLVED');
    const selfNamed = (edges: typeof recorded) => edges.filter((e) => e.source.name.toUpperCase() === e.target.name.toUpperCase());
    expect(selfNamed(recorded).map((e) => e.source.name)).toContain('UNITED STATES');
    expect(selfNamed(resolved).filter((e) => e.source.name === 'United States')).toEqual([]);
    for (const e of resolved) {
      expect(e.source.id).not.toBe(e.target.id);
      expect(new Set(e.items.map((i) => i.id)).size).toBe(e.items.length);
    }
    // The seed's United States stands for its group, which holds GDELT's UNITED STATES records.
    const us = actorNamed('United States');
    const group = (await data(app, `{ node(id: "${us}") { ... on Actor { sameAs { id } } } }`)).node.sameAs.map((a: { id: string }) => a.id) as string[];
    expect(group.length).toBeGreaterThan(1);
    const members = new Set([us, ...group]);
    expect(resolved.some((e) => e.source.id === us || e.target.id === us)).toBe(true);
    expect(resolved.some((e) => members.has(e.source.id) && e.source.id !== us)).toBe(false);
    // Counted by actor, resolved: an item counts once for the group, however many of its records it names.
    const counts = async (resolve: string) =>
      (await data(app, `{ timelineCounts(period: YEAR, groupBy: ACTOR, resolve: ${resolve}) { periods { count actor { id } } uncertain { count actor { id } } } }`)).timelineCounts;
    const total = (c: { periods: { count: number; actor: { id: string } | null }[]; uncertain: { count: number; actor: { id: string } | null }[] }, ids: Set<string>) =>
      [...c.periods, ...c.uncertain].filter((x) => x.actor && ids.has(x.actor.id)).reduce((sum, x) => sum + x.count, 0);
    const byRecord = total(await counts('AS_RECORDED'), members);
    const byGroup = total(await counts('RESOLVED'), members);
    const distinctItems = (db.$client.prepare(`SELECT count(DISTINCT item) AS n FROM (SELECT item_id AS item, claimant_id AS actor FROM claims UNION SELECT item_id, spokesperson_id FROM claims UNION SELECT claim_id, actor_id FROM claim_accused UNION SELECT event_id, actor_id FROM event_participants) AS roles
      WHERE actor IN (${idsOf(db.$engine)})`).get(JSON.stringify([...members].map((m) => Number(Buffer.from(m, 'base64').toString().split(':')[1])))) as { n: number }).n;
    expect(byGroup).toBe(distinctItems);
    expect(byGroup).toBeLessThan(byRecord);
    // A filter by actor, resolved, matches the items of every record of the group.
    const timeline = async (resolve: string) => (await data(app, `{ timeline(filter: { actors: ["${us}"], resolve: ${resolve} }) { totalCount } }`)).timeline.totalCount;
    expect(await timeline('RESOLVED')).toBe(distinctItems);
    expect(await timeline('AS_RECORDED')).toBeLessThan(distinctItems);
  });

  it('resolve reads of events: a group is one item, dated by what all its records allow, citing them all', async () => {
    await runImport(db, { format: 'gdelt-events', file: 'events', input: createReadStream(join(FIXTURES, 'gdelt-2.0-events-sample/20191024143000.export.CSV')) });
    const total = async (resolve: string) => (await data(app, `{ events(filter: { resolve: ${resolve} }) { totalCount } }`)).events.totalCount as number;
    const recorded = await total('AS_RECORDED');
    const { decided } = resolveMatches(db, 'EVENT', { minScore: 0.95, reviewScore: 0.95, dryRun: false, decidedBy: 'test' });
    expect(decided.length).toBeGreaterThan(10);
    // Every decided pair leaves one record out of the resolved list (the later of each group).
    const grouped = new Set(decided.flatMap((m) => m.records));
    const groups = new Set([...grouped].map((record) => Math.min(record, ...(db.$client.prepare(`WITH RECURSIVE r(id) AS (SELECT CAST(? AS bigint) UNION SELECT o.item_id FROM r JOIN same_as_members m ON m.item_id = r.id JOIN same_as_members o ON o.same_as_id = m.same_as_id) SELECT id FROM r`).pluck().all(record) as number[]))));
    expect(await total('AS_RECORDED')).toBe(recorded);
    expect(await total('RESOLVED')).toBe(recorded - (grouped.size - groups.size));
    // A resolved event: its records, the date they allow together, and every citation of theirs.
    const [first] = [...groups];
    const read = (await data(app, `{ node(id: "${id('Event', first!)}") { ... on Event { date { edtf } resolved { events { id citations { source { id } } } date { edtf basis } citations { source { id } } } } } }`)).node;
    expect(read.resolved.events.length).toBeGreaterThan(1);
    expect(read.resolved.citations).toHaveLength(read.resolved.events.reduce((n: number, e: { citations: unknown[] }) => n + e.citations.length, 0));
    expect(read.resolved.date.edtf).toBe(read.date.edtf);
    // GDELT's counts over the group: mentions add up; articles and sources are bounds.
    const gdelt = db.$client.prepare(`SELECT num_mentions AS m, num_articles AS a FROM gdelt_codings WHERE item_id IN (${read.resolved.events.map(() => '?').join()})`).all(...read.resolved.events.map((e: { id: string }) => Number(Buffer.from(e.id, 'base64').toString().split(':')[1]))) as { m: number; a: number }[];
    const counts = (await data(app, `{ node(id: "${id('Event', first!)}") { ... on Event { resolved { gdelt { records numMentions numArticles { atLeast atMost } } } } } }`)).node.resolved.gdelt;
    expect(counts).toEqual({ records: gdelt.length, numMentions: gdelt.reduce((n, r) => n + r.m, 0), numArticles: { atLeast: Math.max(...gdelt.map((r) => r.a)), atMost: gdelt.reduce((n, r) => n + r.a, 0) } });
    // Federation references name records; a gateway reads the group through `resolved`.
    const entity = (await data(app, 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Event { id resolved { events { id } } } } }', { r: [{ __typename: 'Event', id: read.resolved.events[1].id }] }))._entities[0];
    expect(entity).toEqual({ id: read.resolved.events[1].id, resolved: { events: read.resolved.events.map((e: { id: string }) => ({ id: e.id })) } });
    // Exported resolved, the group is one row that cites, and is keyed by, every record's sources and keys.
    const csv = async (query: string) => parseCsv(await (await app.fetch(`http://test/export/csv?${query}`)).text(), { columns: true }) as Record<string, string>[];
    const row = (await csv('resolve=RESOLVED')).find((r) => r.id === id('Event', first!))!;
    const others = read.resolved.events.slice(1).map((e: { id: string }) => e.id);
    expect(row.same_as!.split('; ')).toEqual(others);
    expect(row.identifiers!.split('; ')).toHaveLength(read.resolved.events.length);
    expect((await csv('resolve=RESOLVED&type=citations')).filter((c) => c.item_id === id('Event', first!))).toHaveLength(read.resolved.citations.length);
    // As recorded, each record cites and is keyed by its own, and names its group.
    const recordedRow = (await csv('')).find((r) => r.id === id('Event', first!))!;
    expect(recordedRow.same_as!.split('; ')).toEqual(others);
    expect(recordedRow.identifiers!.split('; ')).toHaveLength(1);
    // A record no decision joins is a group of one: itself.
    const alone = (await data(app, `{ node(id: "${eventIds()[2]}") { ... on Event { date { edtf } resolved { events { id } date { edtf } } } } }`)).node;
    expect(alone.resolved).toEqual({ events: [{ id: eventIds()[2] }], date: alone.date });
  });
});
