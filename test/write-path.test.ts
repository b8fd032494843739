import { createReadStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { Db } from '../src/db/client.ts';
import { loadBundle, readBundleFile } from '../src/domain/bundle.ts';
import { globalId } from '../src/domain/global-id.ts';
import { createKey } from '../src/domain/keys.ts';
import { openWrite } from '../src/domain/write.ts';
import { startExport } from '../src/export/formats.ts';
import { runImport } from '../src/ingest/import.ts';
import { createApp } from '../src/server/app.ts';
import { gql, seededDb, testDb } from './helpers.ts';
import { FIXTURES, SEED_BUNDLE_PATH } from './paths.ts';

// Every front end writes through the one write module, so the same record, or the same mistake,
// comes out the same whichever way it arrives: a mutation, a bundle or an importer.

const one = <T,>(db: Db, sql: string, ...params: unknown[]) => db.$client.prepare(sql).get(...params) as T;
const count = (db: Db, sql: string, ...params: unknown[]) => one<{ n: number }>(db, `SELECT count(*) AS n FROM ${sql}`, ...params).n;
const text = (value: string) => Readable.from([Buffer.from(value)]);
const seed = () => readBundleFile(SEED_BUNDLE_PATH) as { namespace: string; sources: { key: string }[] };

/** A bundle of the given records citing the seed article (which it carries, so it loads on its own). */
function bundleWith(records: Record<string, unknown[]>) {
  const { sources } = seed();
  return { format: 'claimline-bundle', version: 2, namespace: 'test/parity', sources, actors: [], ...records };
}

async function mutate(db: Db, name: string, input: unknown) {
  const app = createApp({ db });
  const type = `${name[0]!.toUpperCase()}${name.slice(1)}`;
  const key = createKey(db, `parity-${Math.random().toString(36).slice(2)}`, ['write']);
  const result = await gql(app, `mutation ($input: ${type}Input!) { ${name}(input: $input) { __typename ... on Error { message } ... on ValidationError { field } ... on ConflictError { field } } }`, { input }, { authorization: `Bearer ${key}` });
  return result.data[name];
}

describe('one write path', () => {
  it('refuses a tracked write made outside a recorded change', () => {
    const { db } = testDb();
    expect(() => db.$client.prepare("INSERT INTO actors (name, kind) VALUES ('X', 'STATE')").run()).toThrow(/outside a recorded change/);
    const session = openWrite(db, { operation: 'test', keyName: null });
    db.$client.prepare("INSERT INTO actors (name, kind) VALUES ('X', 'STATE')").run();
    session.commit();
    expect(count(db, 'actors')).toBe(1);
  });

  it('holds one actor per identifier: a mutation refuses a second, a bundle and an import match the first', async () => {
    const { db } = seededDb();
    const actors = count(db, 'actors');
    const refused = await mutate(db, 'actorCreate', { name: 'Russian Federation', kind: 'STATE', identifiers: [{ scheme: 'WIKIDATA', value: 'Q159' }] });
    expect(refused).toMatchObject({ __typename: 'ConflictError', field: ['input', 'identifiers', '0'] });
    const report = loadBundle(db, bundleWith({ actors: [{ key: 'rf', name: 'Russian Federation', kind: 'STATE', identifiers: [{ scheme: 'WIKIDATA', value: 'Q159' }] }] }));
    expect(report.matched.actor).toBe(1);
    const review = {
      '@type': 'ClaimReview',
      url: 'https://factcheck.example/russia',
      claimReviewed: 'Russia says so.',
      datePublished: '2017-10-12',
      itemReviewed: { '@type': 'Claim', author: { '@type': 'Organization', name: 'Russian Federation', sameAs: 'https://www.wikidata.org/wiki/Q159' }, datePublished: '2017-10-11' },
      reviewRating: { '@type': 'Rating', ratingValue: 1, bestRating: 5, alternateName: 'False' },
    };
    await runImport(db, { format: 'claimreview', file: 'review.json', input: text(JSON.stringify(review)) });
    expect(count(db, 'actors')).toBe(actors);
    expect(count(db, "actor_identifiers WHERE scheme = 'WIKIDATA' AND value = 'Q159'")).toBe(1);
    const claimant = one<{ name: string }>(db, "SELECT a.name FROM claims c JOIN items i ON i.id = c.item_id JOIN actors a ON a.id = c.claimant_id WHERE i.summary = 'Russia says so.'");
    expect(claimant.name).toBe('Russia');
  });

  it('cites a source once, with or without a quote, whichever way the citations arrive', async () => {
    const { db } = seededDb();
    const source = one<{ id: number }>(db, 'SELECT id FROM sources').id;
    const twice = [{ source: globalId('Source', source) }, { source: globalId('Source', source) }];
    const event = { title: 'T', summary: 'Cited twice by mutation.', kind: 'ASSAULT', status: 'REPORTED', date: '2017-10-10', citations: twice };
    expect((await mutate(db, 'eventCreate', event)).__typename).toBe('EventCreateSuccess');
    loadBundle(db, bundleWith({ events: [{ key: 'e', title: 'T', summary: 'Cited twice by bundle.', kind: 'ASSAULT', status: 'REPORTED', date: '2017-10-10', citations: [{ source: 'article' }, { source: 'article' }] }] }));
    const gdelt = readFileSync(join(FIXTURES, 'gdelt-2.0-events-sample/20191024143000.export.head300.CSV'), 'utf8').split('\n')[0]!;
    await runImport(db, { format: 'gdelt-events', file: 'one.CSV', input: text(`${gdelt}\n`) });
    const [id, , , , , , , , , , , , , , , , , , , , , , , , , , , , , , , , , , , , , , , , , , , , , , , , , , , , , , , , , , , , url] = gdelt.split('\t');
    // A mention of the same event in the same document cites nothing new.
    const mention = `GLOBALEVENTID\tEventTimeDate\tMentionTimeDate\tMentionType\tMentionSourceName\tMentionIdentifier\tSentenceID\tActor1CharOffset\tActor2CharOffset\tActionCharOffset\tInRawText\tConfidence\tMentionDocLen\tMentionDocTone\tMentionDocTranslationInfo\tExtras\n${id}\t20191024143000\t20191024143000\t1\texample.org\t${url}\t1\t-1\t-1\t-1\t1\t50\t100\t0\t\t\n`;
    const report = await runImport(db, { format: 'gdelt-mentions', file: 'mentions.CSV', input: text(mention) });
    expect(report.outcomes).toMatchObject({ unchanged: 1, created: 0 });
    for (const summary of ['Cited twice by mutation.', 'Cited twice by bundle.']) {
      expect(count(db, 'citations c JOIN items i ON i.id = c.item_id WHERE i.summary = ?', summary)).toBe(1);
    }
    expect(count(db, 'citations WHERE item_id = (SELECT record_id FROM record_keys WHERE namespace = ? AND key = ?)', 'gdelt', `item:event:${id}`)).toBe(1);
    // The database holds it too: a second citation without a quote breaks its unique index.
    const session = openWrite(db, { operation: 'test', keyName: null });
    const [citation] = db.$client.prepare('SELECT item_id AS item, source_id AS source FROM citations WHERE quote_id IS NULL LIMIT 1').all() as { item: number; source: number }[];
    expect(() => db.$client.prepare('INSERT INTO citations (item_id, source_id) VALUES (?, ?)').run(citation!.item, citation!.source)).toThrow(/UNIQUE|duplicate key value violates unique constraint/);
    session.rollback();
  });

  it('refuses a rebuttal dated before what it rebuts, from a mutation and from a bundle alike', async () => {
    const { db } = seededDb();
    const before = count(db, 'items');
    const accusation = one<{ id: number }>(db, "SELECT id FROM items WHERE type = 'ACCUSATION' AND date_edtf = '2017-10-10'").id;
    const actor = one<{ id: number }>(db, "SELECT id FROM actors WHERE name = 'United States Department of Defense'").id;
    const source = one<{ id: number }>(db, 'SELECT id FROM sources').id;
    const early = await mutate(db, 'rebuttalCreate', {
      summary: 'An early denial.',
      date: '2017-10-01',
      claimant: globalId('Actor', actor),
      stance: 'DENIES',
      rebuts: [globalId('Accusation', accusation)],
      citations: [{ source: globalId('Source', source) }],
    });
    expect(early).toMatchObject({ __typename: 'ValidationError', field: ['input', 'rebuts', '0'] });
    expect(early.message).toMatch(/cannot rebut a claim dated later/);
    const bundle = bundleWith({
      actors: [{ key: 'pentagon', name: 'Pentagon', kind: 'GOVERNMENT_BODY' }],
      claims: [
        { key: 'accusation', type: 'ACCUSATION', summary: 'A late accusation.', date: '2017-10-10', claimant: 'pentagon', accused: ['pentagon'], citations: [{ source: 'article' }] },
        { key: 'denial', type: 'REBUTTAL', stance: 'DENIES', summary: 'An early denial.', date: '2017-10-01', claimant: 'pentagon', citations: [{ source: 'article' }] },
      ],
      links: [{ from: 'denial', kind: 'REBUTS', to: 'accusation' }],
    });
    expect(() => loadBundle(db, bundle)).toThrow(/links\.0\.to: a rebuttal dated 2017-10-01 cannot rebut a claim dated later/);
    expect(count(db, 'items')).toBe(before);
  });
});

/**
 * The record as a reader sees it, without ids (they differ between databases): each actor,
 * place, source and item as its values and the values of what it refers to, sorted.
 */
function canonical(db: Db) {
  const rows = <T,>(sql: string) => db.$client.prepare(sql).all() as T[];
  const list = (values: unknown[]) => values.map((v) => JSON.stringify(v)).sort();
  // The rows of a table by the record they belong to, as plain rows (the same SQL on either engine).
  const byOwner = <R extends { owner: number }>(sql: string) => {
    const groups = new Map<number, R[]>();
    for (const r of rows<R>(sql)) groups.set(r.owner, [...(groups.get(r.owner) ?? []), r]);
    return groups;
  };
  const codes = (found: { scheme: string; value: string }[] | undefined) => (found ?? []).map((c) => `${c.scheme}:${c.value}`).sort();
  const aliases = byOwner<{ owner: number; alias: string }>('SELECT actor_id AS owner, alias FROM actor_aliases');
  const identifiers = byOwner<{ owner: number; scheme: string; value: string }>('SELECT actor_id AS owner, scheme, value FROM actor_identifiers');
  const actorCodes = byOwner<{ owner: number; scheme: string; value: string }>('SELECT actor_id AS owner, scheme, value FROM actor_codes');
  const actor = new Map(
    rows<{ id: number; name: string; kind: string; country: string | null; description: string | null }>('SELECT id, name, kind, country, description FROM actors').map((a) => [
      a.id,
      JSON.stringify([a.name, a.kind, a.country, a.description, (aliases.get(a.id) ?? []).map((r) => r.alias).sort(), codes(identifiers.get(a.id)), codes(actorCodes.get(a.id))]),
    ]),
  );
  const placeAliases = byOwner<{ owner: number; alias: string }>('SELECT place_id AS owner, alias FROM place_aliases');
  const placeRows = new Map(
    rows<{ id: number; parent: number | null; name: string; kind: string; country: string | null; latitude: number | null; longitude: number | null; geonames: number | null }>(
      'SELECT id, parent_id AS parent, name, kind, country, latitude, longitude, geonames_id AS geonames FROM places',
    ).map((p) => [p.id, { parent: p.parent, v: JSON.stringify([p.name, p.kind, p.country, p.latitude, p.longitude, p.geonames, (placeAliases.get(p.id) ?? []).map((r) => r.alias).sort()]) }]),
  );
  const place = (id: number | null): string => (id === null ? 'null' : `${placeRows.get(id)!.v} in ${place(placeRows.get(id)!.parent)}`);
  const source = new Map(
    rows<Record<string, unknown> & { id: number }>('SELECT id, title, publisher, url, published_edtf, published_basis, language, text FROM sources').map(({ id, ...s }) => [id, JSON.stringify(Object.values(s))]),
  );
  const quote = new Map(
    rows<{ id: number; source: number; speaker: number | null; kind: string; start: number; end: number; exact: string }>('SELECT id, source_id AS source, speaker_id AS speaker, kind, start, "end", exact FROM quotes').map(
      (q) => [q.id, { source: q.source, speaker: q.speaker, v: JSON.stringify([q.kind, q.start, q.end, q.exact]) }],
    ),
  );
  const itemIdentifiers = byOwner<{ owner: number; scheme: string; value: string }>('SELECT item_id AS owner, scheme, value FROM item_identifiers');
  const gdelt = new Map(
    rows<Record<string, unknown> & { owner: number }>(
      'SELECT item_id AS owner, event_code, is_root_event, quad_class, goldstein_scale, num_mentions, num_sources, num_articles, avg_tone, date_added, actor1_geo_id AS "actor1Geo", actor2_geo_id AS "actor2Geo" FROM gdelt_codings',
    ).map(({ owner, ...g }) => [owner, g]),
  );
  const acled = new Map(
    rows<Record<string, unknown> & { owner: number }>(
      'SELECT item_id AS owner, event_type, sub_event_type, disorder_type, inter1, inter2, interaction, civilian_targeting, iso, region, geo_precision, time_precision, source_scale, tags, timestamp FROM acled_codings',
    ).map(({ owner, ...a }) => [owner, JSON.stringify(Object.values(a))]),
  );
  const items = rows<Record<string, unknown> & { id: number }>(`SELECT i.id, i.type, i.summary, i.date_edtf AS edtf, i.date_basis AS basis, e.title, e.kind, e.mode, e.contexts, e.status,
      c.claimant_id AS claimant, c.spokesperson_id AS spokesperson, c.stance, c.statement_kind AS "statementKind"
      FROM items i LEFT JOIN events e ON e.item_id = i.id LEFT JOIN claims c ON c.item_id = i.id`).map((i) => {
    const { actor1Geo = null, actor2Geo = null, ...g } = gdelt.get(i.id) ?? {};
    return { ...i, identifiers: codes(itemIdentifiers.get(i.id)), gdelt: gdelt.has(i.id) ? JSON.stringify(Object.values(g)) : null, actor1Geo, actor2Geo, acled: acled.get(i.id) ?? null } as Record<string, unknown> & { id: number };
  });
  const core = new Map(items.map((i) => [i.id, JSON.stringify([i.type, i.summary, i.edtf])]));
  const grouped = byOwner;
  const participants = grouped<{ owner: number; actor: number; role: string }>('SELECT event_id AS owner, actor_id AS actor, role FROM event_participants');
  const places = grouped<{ owner: number; place: number }>('SELECT item_id AS owner, place_id AS place FROM item_places');
  const quantities = new Map([...grouped<{ owner: number; measure: string; value: number; unit: string | null }>('SELECT event_id AS owner, measure, value, unit FROM event_quantities')].map(([owner, qs]) => [owner, qs.map((q) => ({ v: JSON.stringify([q.measure, q.value, q.unit]) }))]));
  const accused = grouped<{ owner: number; actor: number }>('SELECT claim_id AS owner, actor_id AS actor FROM claim_accused');
  const reviews = new Map(
    [...grouped<Record<string, unknown> & { owner: number; reviewer: number | null }>('SELECT claim_id AS owner, reviewer_id AS reviewer, url, published_edtf, rating_value, best_rating, worst_rating, rating_label, body FROM claim_reviews')].map(
      ([owner, rs]) => [owner, rs.map(({ owner: _, reviewer, ...r }) => ({ reviewer, v: JSON.stringify(Object.values(r)) }))],
    ),
  );
  const citations = grouped<{ owner: number; source: number; quote: number | null }>('SELECT item_id AS owner, source_id AS source, quote_id AS quote FROM citations WHERE item_id IS NOT NULL');
  const links = grouped<{ owner: number; kind: string; to: number }>('SELECT from_item_id AS owner, kind, to_item_id AS "to" FROM links WHERE retracted_at IS NULL');
  const quoted = (id: number | null) => {
    if (id === null) return null;
    const q = quote.get(id)!;
    return [q.v, q.speaker === null ? null : actor.get(q.speaker), source.get(q.source)];
  };
  return {
    actors: list([...actor.values()]),
    places: list([...placeRows.keys()].map(place)),
    sources: list([...source.values()]),
    items: list(
      items.map(({ id, claimant, spokesperson, actor1Geo, actor2Geo, ...values }) => ({
        ...values,
        actor1Geo: place(actor1Geo as number | null),
        actor2Geo: place(actor2Geo as number | null),
        claimant: claimant === null ? null : actor.get(claimant as number),
        spokesperson: spokesperson === null ? null : actor.get(spokesperson as number),
        participants: list((participants.get(id) ?? []).map((p) => [p.role, actor.get(p.actor)])),
        places: list((places.get(id) ?? []).map((p) => place(p.place))),
        quantities: list((quantities.get(id) ?? []).map((q) => q.v)),
        accused: list((accused.get(id) ?? []).map((a) => actor.get(a.actor))),
        reviews: list((reviews.get(id) ?? []).map((r) => [r.v, r.reviewer === null ? null : actor.get(r.reviewer)])),
        citations: list((citations.get(id) ?? []).map((c) => [source.get(c.source), quoted(c.quote)])),
        links: list((links.get(id) ?? []).map((l) => [l.kind, core.get(l.to)])),
      })),
    ),
  };
}

/** Exports the whole record as a bundle and loads it into a fresh database. */
function roundTrip(db: Db): Db {
  const { chunks } = startExport(db, 'bundle', {}, {});
  const copy = testDb().db;
  loadBundle(copy, JSON.parse([...chunks].join('')));
  return copy;
}

const ACLED_FILE = join(FIXTURES, 'acled-crafted/acled-crafted.csv');

describe('a bundle round trip of what each importer wrote', () => {
  const cases: [string, (db: Db) => Promise<unknown>][] = [
    ['the seed article', async (db) => loadBundle(db, readBundleFile(SEED_BUNDLE_PATH))],
    ['the GDELT events sample', (db) => runImport(db, { format: 'gdelt-events', file: 'events', input: createReadStream(join(FIXTURES, 'gdelt-2.0-events-sample/20191024143000.export.CSV')) })],
    ['the PLOVER gold-standard records', (db) => runImport(db, { format: 'plover', file: 'gsr', input: createReadStream(join(FIXTURES, 'plover-gold-standard-records/PLOVER_GSR_CAMEO.json')), skipInvalid: true })],
    ['the crafted ACLED rows', (db) => runImport(db, { format: 'acled', file: 'acled.csv', input: createReadStream(ACLED_FILE) })],
    [
      'the ClaimReview examples',
      async (db) => {
        for (const name of ['schemaorg-eg-0324-ClaimReview.jsonld', 'schemaorg-eg-0325-ClaimReview.jsonld']) {
          await runImport(db, { format: 'claimreview', file: name, input: createReadStream(join(FIXTURES, 'claimreview-jsonld-examples', name)) });
        }
      },
    ],
  ];
  it.each(cases)('gives back the same record for %s: same actors, participants, places, measures and reviews', async (_, load) => {
    const { db } = testDb();
    await load(db);
    const original = canonical(db);
    expect(original.items.length).toBeGreaterThan(0);
    const copy = canonical(roundTrip(db));
    expect(copy.actors).toEqual(original.actors);
    expect(copy.places).toEqual(original.places);
    expect(copy.sources).toEqual(original.sources);
    expect(copy.items).toEqual(original.items);
  });
});

describe('the set-based mode', () => {
  it('writes the same history rows and search documents as the triggers, row for row', async () => {
    const importInto = async (byTriggers: boolean) => {
      const { db } = testDb();
      for (const [format, file] of [
        ['gdelt-events', 'gdelt-2.0-events-sample/20191024143000.export.head300.CSV'],
        ['plover', 'plover-gold-standard-records/PLOVER_GSR_CAMEO.json'],
      ] as const) {
        await runImport(db, { format, file, input: createReadStream(join(FIXTURES, file)), skipInvalid: true, byTriggers });
      }
      await runImport(db, { format: 'acled', file: 'acled.csv', input: createReadStream(ACLED_FILE), byTriggers });
      const rows = <T,>(sql: string) => db.$client.prepare(sql).all() as T[];
      return {
        history: rows<object>('SELECT change_id, table_name, record, operation, key, before, after FROM row_changes ORDER BY change_id, table_name, record, key'),
        search: rows<object>('SELECT rowid, body FROM search_index ORDER BY rowid'),
        items: rows<{ n: number }>('SELECT count(*) AS n FROM items')[0]!.n,
      };
    };
    const setWise = await importInto(false);
    const triggered = await importInto(true);
    expect(setWise.items).toBeGreaterThan(500);
    expect(setWise.history.length).toBeGreaterThan(3 * setWise.items);
    expect(setWise.history).toEqual(triggered.history);
    expect(setWise.search).toEqual(triggered.search);
  });
});
