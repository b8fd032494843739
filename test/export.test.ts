import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { parse as parseCsv } from 'csv-parse/sync';
import { MultiDirectedGraph } from 'graphology';
import graphml from 'graphology-graphml';
import jsonld from 'jsonld';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/client.ts';
import { globalId as gid } from '../src/domain/global-id.ts';
import { anchorQuote } from '../src/domain/quote-anchor.ts';
import { CSV_TYPES } from '../src/export/csv.ts';
import { EXPORTERS } from '../src/export/formats.ts';
import { loadBundle, readBundleFile } from '../src/domain/bundle.ts';
import { runImport } from '../src/ingest/import.ts';
import { createApp } from '../src/server/app.ts';
import { generatedTimeline } from './builders.ts';
import { data, fileDb, loadLarge, onPostgres, seededDb, testDb, withStatements } from './helpers.ts';
import { ROOT, SEED_BUNDLE_PATH, FIXTURES } from './paths.ts';
import { claimline } from './process.ts';

// Every export format, read back by a parser of its own definition: TimelineJS's documented
// fields, a GraphML parser (graphology), a CSV parser (RFC 4180), a JSON-LD processor (jsonld.js)
// checked against schema.org's terms (schema-dts), and the Web Annotation model's requirements,
// with each quote re-anchored in its source by the selectors alone.

let db: Db;
let app: ReturnType<typeof createApp>;

beforeAll(() => {
  db = seededDb().db;
  app = createApp({ db });
});

async function download(path: string) {
  const response = await app.fetch(`http://claimline.test${path}`);
  return { status: response.status, type: response.headers.get('content-type'), disposition: response.headers.get('content-disposition'), body: await response.text() };
}

const timelineCount = async (filter: object = {}) =>
  (await data(app, 'query($f: TimelineFilter) { timeline(filter: $f) { totalCount } }', { f: filter })).timeline.totalCount as number;

describe('TimelineJS JSON', () => {
  it('has TimelineJS’s documented fields: a slide per item with its date as vague as the source', async () => {
    const { status, type, body } = await download('/export/timelinejs');
    expect(status).toBe(200);
    expect(type).toMatch(/^application\/json/);
    const timeline = JSON.parse(body);
    expect(timeline.title.text.headline).toBeTypeOf('string');
    expect(timeline.events).toHaveLength(await timelineCount());
    const ids = new Set();
    for (const event of timeline.events) {
      // https://timeline.knightlab.com/docs/json-format.html: start_date (year required), text {headline, text}, unique_id.
      for (const date of [event.start_date, event.end_date].filter(Boolean)) {
        expect(Number.isInteger(date.year)).toBe(true);
        expect(date.month).toBeGreaterThanOrEqual(1);
        expect(date.month).toBeLessThanOrEqual(12);
        expect(date.day).toBeGreaterThanOrEqual(1);
        expect(date.day).toBeLessThanOrEqual(31);
        expect(Object.keys(date).every((k) => ['year', 'month', 'day', 'hour', 'minute', 'second', 'millisecond', 'display_date', 'format'].includes(k))).toBe(true);
      }
      expect(event.text.headline).toBeTypeOf('string');
      expect(event.text.text).toMatch(/^<p>/);
      expect(ids.has(event.unique_id)).toBe(false);
      ids.add(event.unique_id);
      expect(['Event', 'Accusation', 'Rebuttal', 'Statement']).toContain(event.group);
    }
    // "September 2017" is a span over the month, labelled as the source gives it; a day is a point.
    const september = timeline.events.find((e: any) => e.display_date === 'September 2017');
    expect(september.start_date).toMatchObject({ year: 2017, month: 9, day: 1 });
    expect(september.end_date).toMatchObject({ year: 2017, month: 9, day: 30 });
    const day = timeline.events.find((e: any) => e.display_date === '10 October 2017');
    expect(day.end_date).toBeUndefined();
    // Open-ended ("since 2015") has a start and no end.
    const since = timeline.events.find((e: any) => /^since 2015/.test(e.display_date));
    expect(since.start_date.year).toBe(2015);
    expect(since.end_date).toBeUndefined();
    // The article names no publisher; nothing in the export makes one up.
    expect(body).not.toMatch(/publisher/i);
  });
});

describe('GraphML', () => {
  it('parses as GraphML into the actor network the API gives', async () => {
    const { status, type, body } = await download('/export/graphml?types=ACCUSATION,REBUTTAL');
    expect(status).toBe(200);
    expect(type).toMatch(/^application\/graphml\+xml/);
    const graph = graphml.parse(MultiDirectedGraph, body);
    const { actorNetwork } = await data(app, '{ actorNetwork(filter: { types: [ACCUSATION, REBUTTAL] }) { actors { id name } edges { kind count source { id } target { id } } } }');
    expect(graph.order).toBe(actorNetwork.actors.length);
    expect(graph.size).toBe(actorNetwork.edges.length);
    for (const actor of actorNetwork.actors) expect(graph.getNodeAttribute(actor.id, 'label')).toBe(actor.name);
    const exported = graph.mapEdges((_, attributes, source, target) => [source, target, attributes.kind, attributes.weight]);
    expect(exported.sort()).toEqual(actorNetwork.edges.map((e: any) => [e.source.id, e.target.id, e.kind, e.count]).sort());
    // Every item behind an edge is an ID the API resolves.
    const items = graph.mapEdges((_, attributes) => String(attributes.items).split(' ')).flat();
    const { nodes } = await data(app, 'query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: items });
    expect(nodes.map((n: any) => n?.id)).toEqual(items);
  });
});

describe('CSV', () => {
  it('writes one RFC 4180 file per record type with the documented columns', async () => {
    // The seed, and imports that bring GDELT and ACLED codings.
    const rich = seededDb().db;
    for (const file of ['gdelt-2.0-events-sample/20191024143000.export.head300.CSV', 'acled-crafted/acled-crafted.csv']) {
      await runImport(rich, { format: file.startsWith('gdelt') ? 'gdelt-events' : 'acled', file, input: Readable.from([readFileSync(join(FIXTURES, file))]) });
    }
    const richApp = createApp({ db: rich, limits: { listItems: 10_000, cost: 1_000_000 } });
    const fetchCsv = async (path: string) => {
      const response = await richApp.fetch(`http://claimline.test${path}`);
      return { status: response.status, type: response.headers.get('content-type'), disposition: response.headers.get('content-disposition'), body: await response.text() };
    };
    for (const [type, table] of Object.entries(CSV_TYPES)) {
      const { status, type: contentType, disposition, body } = await fetchCsv(`/export/csv?type=${type}`);
      expect(status, type).toBe(200);
      expect(contentType).toMatch(/^text\/csv/);
      expect(disposition).toBe(`attachment; filename="claimline-csv-${type}.csv"`);
      const rows: string[][] = parseCsv(body, { record_delimiter: '\r\n' });
      expect(rows[0], type).toEqual(table.columns.map(([name]) => name));
      expect(rows.length, type).toBeGreaterThan(1);
      for (const row of rows) expect(row).toHaveLength(table.columns.length);
      // Each id is a global ID the API resolves.
      const ids = rows.slice(1).map((r) => r[0]!);
      // Records with ids of their own appear once each (the others are pairs, an id per row end).
      if (!['citations', 'participants', 'accused', 'item_places'].includes(type)) expect(new Set(ids).size, `${type} ids`).toBe(ids.length);
      const { nodes } = await data(richApp, 'query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: [...new Set(ids)] });
      expect(nodes.every((n: any) => n !== null), type).toBe(true);
    }
    // The README documents each type and column as the exporter defines them.
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    for (const [type, table] of Object.entries(CSV_TYPES)) {
      expect(readme).toContain(`| \`${type}\` | ${table.description} | ${table.columns.map(([name, meaning]) => `\`${name}\` (${meaning})`).join(', ')} |`);
    }
    const items: string[][] = parseCsv((await fetchCsv('/export/csv')).body);
    expect(items.length - 1).toBe((await data(richApp, '{ timeline { totalCount } }')).timeline.totalCount);
    // A GDELT record's key is in its row, as the API finds it by.
    expect(items.some((row) => /^GDELT:\d+$/.test(row[items[0]!.indexOf('identifiers')]!))).toBe(true);
    // Quotes and commas survive the round trip through a CSV parser.
    const quotes: Record<string, string>[] = parseCsv((await fetchCsv('/export/csv?type=quotes')).body, { columns: true });
    for (const quote of quotes) expect(quote.exact!.length).toBe(Number(quote.end) - Number(quote.start));
  });

  it('applies the filter, the same as the API', async () => {
    const russia = gid('Actor', (db.$client.prepare("SELECT id FROM actors WHERE name = 'Russia'").get() as { id: number }).id);
    const filter = { actors: [russia], actorRoles: ['ACCUSER'], followRelations: ['SPOKESPERSON_FOR', 'PART_OF'] };
    const { body } = await download(`/export/csv?actors=${encodeURIComponent(russia)}&actorRoles=ACCUSER&followRelations=SPOKESPERSON_FOR,PART_OF`);
    const rows: Record<string, string>[] = parseCsv(body, { columns: true });
    const { timeline } = await data(app, 'query($f: TimelineFilter) { timeline(filter: $f) { nodes { id } } }', { f: filter });
    expect(rows.map((r) => r.id)).toEqual(timeline.nodes.map((n: any) => n.id));
    expect(rows).toHaveLength(2);
  });
});

/** Every type and property name schema.org defines, read from schema-dts's declarations (one per schema.org term). */
function schemaOrgTerms() {
  const declarations = readFileSync(join(ROOT, 'node_modules/schema-dts/dist/schema.d.ts'), 'utf8');
  const types = new Set([...declarations.matchAll(/"@type": "(\w+)"/g)].map((m) => m[1]!));
  const properties = new Set([...declarations.matchAll(/^\s+"(\w+)"\?:/gm)].map((m) => m[1]!));
  return { types, properties };
}

describe('schema.org JSON-LD', () => {
  it('expands with a JSON-LD processor into schema.org terms only, citing its sources', async () => {
    const { status, type, body } = await download('/export/jsonld');
    expect(status).toBe(200);
    expect(type).toMatch(/^application\/ld\+json/);
    const document = JSON.parse(body);
    // Safe mode fails on any term or value the context cannot map (no network is needed: the context is inline).
    const expanded = await jsonld.expand(document, { safe: true });
    const { types, properties } = schemaOrgTerms();
    const used = { types: new Set<string>(), properties: new Set<string>() };
    for (const node of expanded as Record<string, unknown>[]) {
      for (const t of (node['@type'] as string[]) ?? []) used.types.add(t);
      for (const key of Object.keys(node)) if (!key.startsWith('@')) used.properties.add(key);
    }
    for (const t of used.types) expect(types.has(t.replace('https://schema.org/', '')), t).toBe(true);
    for (const p of used.properties) {
      expect(p.startsWith('https://schema.org/'), p).toBe(true);
      expect(properties.has(p.replace('https://schema.org/', '')), p).toBe(true);
    }
    expect([...used.types].sort()).toEqual(expect.arrayContaining(['https://schema.org/Claim', 'https://schema.org/Event', 'https://schema.org/Person', 'https://schema.org/Place', 'https://schema.org/CreativeWork']));
    const nquads = await jsonld.toRDF(document, { format: 'application/n-quads' });
    expect(nquads.split('\n').length).toBeGreaterThan(100);
    // Each claim cites a source node that the export holds; the source has no publisher (the article names none).
    const graph = document['@graph'] as Record<string, any>[];
    const byId = new Map(graph.map((n) => [n['@id'], n]));
    const claims = graph.filter((n) => n['@type'] === 'Claim');
    expect(claims).toHaveLength(await timelineCount({ types: ['ACCUSATION', 'REBUTTAL', 'STATEMENT'] }));
    for (const claim of claims) for (const c of claim.citation) expect(byId.get(c['@id'])?.['@type']).toBe('CreativeWork');
    for (const source of graph.filter((n) => n['@type'] === 'CreativeWork')) expect(source.publisher).toBeUndefined();
  });
});

describe('re-import', () => {
  it('loads the fact-checks of a schema.org export back through the ClaimReview importer, unchanged: claimants with their Wikidata QIDs and job titles, where each claim appeared, reviewers by their pages', async () => {
    const importText = (target: Db, file: string, text: string) =>
      runImport(target, { format: 'claimreview', file, input: Readable.from([Buffer.from(text)]), size: null, skipInvalid: false, progress: false });
    // Each engine's aggregate of texts.
    const concat = onPostgres ? 'string_agg' : 'group_concat';
    const reviews = (target: Db) =>
      target.$client
        .prepare(`SELECT i.summary, i.date_edtf AS "claimDate", a.name AS claimant, a.kind, a.description,
            (SELECT ${concat}(scheme || ':' || value, ' ') FROM actor_identifiers WHERE actor_id = a.id) AS "claimantIds",
            (SELECT ${concat}(coalesce(s.title, '') || ' <' || coalesce(s.url, '') || '> ' || s.published_edtf, ' | ') FROM citations t JOIN sources s ON s.id = t.source_id WHERE t.item_id = i.id) AS appeared,
            (SELECT ${concat}(scheme || ':' || value, ' ') FROM item_identifiers WHERE item_id = i.id) AS identifiers,
            r.url, r.published_edtf AS published, r.rating_value AS value, r.best_rating AS best, r.worst_rating AS worst, r.rating_label AS label, r.body, v.name AS reviewer,
            (SELECT ${concat}(scheme || ':' || value, ' ') FROM actor_identifiers WHERE actor_id = v.id) AS "reviewerIds"
          FROM claim_reviews r JOIN items i ON i.id = r.claim_id JOIN claims c ON c.item_id = i.id JOIN actors a ON a.id = c.claimant_id
          LEFT JOIN actors v ON v.id = r.reviewer_id ORDER BY r.url`)
        .all();
    const original = testDb().db;
    for (const name of ['schemaorg-eg-0324-ClaimReview.jsonld', 'schemaorg-eg-0325-ClaimReview.jsonld']) {
      await importText(original, name, readFileSync(join(FIXTURES, 'claimreview-jsonld-examples', name), 'utf8'));
    }
    expect(reviews(original)).toHaveLength(2);
    const exported = await (await createApp({ db: original }).fetch('http://x/export/jsonld')).text();
    const copy = testDb().db;
    const report = await importText(copy, 'claimline-jsonld.jsonld', exported);
    expect(report.outcomes.created).toBe(2);
    expect(reviews(copy)).toEqual(reviews(original));
  });
});

describe('bundle', () => {
  // Everything a reader sees, by names and text rather than ids (ids differ between databases);
  // pages of 50 hold the whole seed and keep the query within the default cost limit.
  const RECORD = `{
    timeline(first: 50) { nodes {
      __typename summary date { edtf basis }
      citations { source { title publisher url text publishedAt { edtf basis } } quote { text start end kind speaker { name } } }
      linksOut { kind to { summary } }
      places { name parent { name } } identifiers { scheme value } gdelt { eventCode goldsteinScale actor1Geo { name } } acled { eventType }
      ... on Event { title kind status mode contexts participants { role actor { name } } quantities { measure value unit } }
      ... on Claim { claimant { name } spokesperson { name } }
      ... on Accusation { accused { name } }
      ... on Rebuttal { stance }
      ... on Statement { statementKind }
    } }
    actors(first: 50) { nodes { name kind country aliases identifiers { scheme value } codes { scheme value } relations { kind subject { name } object { name } validity { edtf } citations { quote { text } } } } }
    places(first: 50) { nodes { name kind country aliases parent { name } } }
  }`;

  it('loads into a fresh database as the same record, and loading it twice changes nothing', async () => {
    const exported = await download('/export/bundle');
    expect(exported.status).toBe(200);
    const copy = testDb().db;
    const report = loadBundle(copy, JSON.parse(exported.body));
    expect(report.created.claim).toBeGreaterThan(0);
    const copyApp = createApp({ db: copy });
    expect(await data(copyApp, RECORD)).toEqual(await data(app, RECORD));
    const again = loadBundle(copy, JSON.parse(exported.body));
    expect(Object.values(again.created).every((n) => n === 0)).toBe(true);
  });

  it('holds a filtered slice with all it refers to, and no link that would point outside it', async () => {
    const { body } = await download('/export/bundle?types=REBUTTAL');
    const slice = JSON.parse(body);
    expect(slice.claims.map((c: any) => c.type)).toEqual(['REBUTTAL']);
    expect(slice.events).toEqual([]);
    expect(slice.links).toEqual([]);
    const copy = testDb().db;
    loadBundle(copy, slice);
    const { timeline } = await data(createApp({ db: copy }), '{ timeline { nodes { summary ... on Claim { claimant { name } spokesperson { name } quotes { text speaker { name } } } } } }');
    expect(timeline.nodes).toHaveLength(1);
    expect(timeline.nodes[0].spokesperson.name).toBe('Rob Manning');
    expect(timeline.nodes[0].quotes.length).toBeGreaterThan(0);
  });
});

describe('Web Annotation JSON-LD', () => {
  it('meets the model’s requirements and re-anchors every quote by its selectors alone', async () => {
    const { status, type, body } = await download('/export/annotations');
    expect(status).toBe(200);
    expect(type).toBe('application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"; charset=utf-8');
    const collection = JSON.parse(body);
    expect(collection['@context']).toBe('http://www.w3.org/ns/anno.jsonld');
    expect(collection.type).toBe('AnnotationCollection');
    const annotations = collection.first.items as any[];
    const quoteCount = (db.$client.prepare('SELECT count(*) AS n FROM quotes WHERE retracted_at IS NULL AND id IN (SELECT quote_id FROM citations WHERE item_id IS NOT NULL)').get() as { n: number }).n;
    expect(annotations).toHaveLength(quoteCount);
    // The selectors have the shape of the W3C's own examples (anno23: TextQuoteSelector, anno24: TextPositionSelector).
    const example = (name: string) => JSON.parse(readFileSync(join(FIXTURES, 'w3c-web-annotation-examples', name), 'utf8')).target.selector;
    const shapes = [example('anno23.json'), example('anno24.json')].map((s) => [s.type, Object.keys(s).sort()]);
    const sourceText = new Map((db.$client.prepare('SELECT id, text FROM sources').all() as { id: number; text: string }[]).map((s) => [`urn:claimline:Source:${s.id}`, s.text]));
    for (const annotation of annotations) {
      // Model §3.1: an IRI id, type Annotation, at least one target; bodies with a purpose.
      expect(annotation.id).toMatch(/^urn:claimline:Quote:\d+$/);
      expect(annotation.type).toBe('Annotation');
      expect(annotation.body.every((b: any) => ['TextualBody', 'SpecificResource'].includes(b.type) && b.purpose)).toBe(true);
      const selectors = annotation.target.selector as any[];
      expect(selectors.map((s) => [s.type, Object.keys(s).sort()])).toEqual(shapes);
      const [quote, position] = selectors;
      const text = sourceText.get(annotation.target.source)!;
      expect(text.slice(position.start, position.end)).toBe(quote.exact);
      // Re-import: the quote selector alone finds the same span (as claimline's own anchoring does).
      expect(anchorQuote(text, { exact: quote.exact, prefix: quote.prefix, suffix: quote.suffix }, [])).toMatchObject({ start: position.start, end: position.end });
      expect(annotation.body.filter((b: any) => b.purpose === 'linking').length).toBeGreaterThan(0);
    }
  });

  it('expands with a JSON-LD processor into terms of the W3C annotation vocabularies only', async () => {
    // The anno.jsonld context is in no registry package here (and there is no network): the test
    // serves the definitions the Web Annotation Vocabulary (§ JSON-LD context) gives for the terms
    // used, and checks every IRI the expansion yields against the W3C ontologies (oa, ActivityStreams,
    // Dublin Core, RDF(S)) as @zazuko/rdf-vocabularies ships them. A term the model lacks fails.
    const oa = 'http://www.w3.org/ns/oa#';
    const as = 'https://www.w3.org/ns/activitystreams#';
    const context = {
      '@context': {
        oa, as, dc: 'http://purl.org/dc/elements/1.1/', dcterms: 'http://purl.org/dc/terms/', rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
        rdfs: 'http://www.w3.org/2000/01/rdf-schema#', xsd: 'http://www.w3.org/2001/XMLSchema#',
        id: '@id', type: '@type',
        Annotation: 'oa:Annotation', TextualBody: 'oa:TextualBody', SpecificResource: 'oa:SpecificResource',
        TextQuoteSelector: 'oa:TextQuoteSelector', TextPositionSelector: 'oa:TextPositionSelector',
        AnnotationCollection: 'as:OrderedCollection', AnnotationPage: 'as:OrderedCollectionPage',
        body: { '@type': '@id', '@id': 'oa:hasBody' }, target: { '@type': '@id', '@id': 'oa:hasTarget' },
        source: { '@type': '@id', '@id': 'oa:hasSource' }, selector: { '@type': '@id', '@id': 'oa:hasSelector' },
        motivation: { '@type': '@vocab', '@id': 'oa:motivatedBy' }, purpose: { '@type': '@vocab', '@id': 'oa:hasPurpose' },
        linking: 'oa:linking', identifying: 'oa:identifying', describing: 'oa:describing', tagging: 'oa:tagging',
        exact: 'oa:exact', prefix: 'oa:prefix', suffix: 'oa:suffix',
        start: { '@type': 'xsd:nonNegativeInteger', '@id': 'oa:start' }, end: { '@type': 'xsd:nonNegativeInteger', '@id': 'oa:end' },
        value: 'rdf:value', format: 'dc:format', label: 'rdfs:label', created: { '@type': 'xsd:dateTime', '@id': 'dcterms:created' },
        first: { '@type': '@id', '@id': 'as:first' }, items: { '@type': '@id', '@id': 'as:items', '@container': '@list' },
      },
    };
    const documentLoader = async (url: string) => {
      if (url !== 'http://www.w3.org/ns/anno.jsonld') throw new Error(`no network: ${url}`);
      return { contextUrl: null, documentUrl: url, document: context };
    };
    const { body } = await download('/export/annotations');
    const quads = await jsonld.toRDF(JSON.parse(body), { format: 'application/n-quads', safe: true, documentLoader });
    const ontologies = ['oa', 'as', 'dcterms', 'rdf', 'rdfs']
      .map((name) => readFileSync(join(ROOT, `node_modules/@zazuko/rdf-vocabularies/ontologies/${name}.nq`), 'utf8'))
      .join('\n');
    const defined = new Set([...ontologies.matchAll(/^<([^>]+)>/gm)].map((m) => m[1]!.replace('http://www.w3.org/ns/activitystreams#', as)));
    defined.add('http://purl.org/dc/elements/1.1/format'); // Dublin Core's elements, which the ontologies here do not carry
    const used = new Set<string>();
    for (const line of quads.split('\n').filter(Boolean)) {
      const [, predicate, object] = line.match(/^\S+ <([^>]+)> (\S+)/)!;
      used.add(predicate!);
      if (predicate === 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type' || /#(motivatedBy|hasPurpose)$/.test(predicate!)) used.add(object!.slice(1, -1));
    }
    const vocabulary = [...used].filter((iri) => !iri.startsWith('urn:'));
    expect(vocabulary.filter((iri) => !defined.has(iri))).toEqual([]);
    expect(vocabulary).toEqual(expect.arrayContaining([`${oa}TextQuoteSelector`, `${oa}TextPositionSelector`, `${oa}hasTarget`, `${oa}linking`, `${as}items`]));
  });
});

describe('export errors and the CLI', () => {
  it('refuses a bad format, parameter or filter before any output, naming it', async () => {
    const cases: [string, number, string][] = [
      ['/export/pdf', 404, 'format'],
      ['/export/csv?type=people', 400, 'type'],
      ['/export/csv?tpyes=EVENT', 400, 'tpyes'],
      ['/export/csv?asOf=2017-10-11T12:00:00Z', 400, 'asOf'],
      ['/export/csv?types=EVENTS', 400, 'types'],
      ['/export/csv?actors=bm90LWFuLWlk', 400, 'actors'],
      [`/export/csv?actors=${encodeURIComponent(gid('Place', 1))}`, 400, 'actors'],
      ['/export/csv?area=1,2,3', 400, 'area'],
      ['/export/csv?rebutted=maybe', 400, 'rebutted'],
      ['/export/csv?from=2017-10&to=2017-09', 400, 'to'],
      ['/export/timelinejs?search=%22%22', 400, 'search'],
    ];
    for (const [path, status, field] of cases) {
      const response = await download(path);
      expect(response.status, path).toBe(status);
      expect(JSON.parse(response.body).errors[0].extensions, path).toEqual({ code: 'BAD_USER_INPUT', field });
    }
    expect((await app.fetch('http://claimline.test/export/csv', { method: 'POST' })).status).toBe(405);
  });

  it('writes the same export from the command line', async () => {
    const { db: seeded, file } = fileDb();
    loadBundle(seeded, readBundleFile(SEED_BUNDLE_PATH));
    const fileApp = createApp({ db: seeded });
    const overHttp = await (await fileApp.fetch('http://x/export/csv?type=quotes&types=REBUTTAL')).text();
    const cli = claimline(['export', '--format', 'csv', '--type', 'quotes', '--types', 'REBUTTAL'], { CLAIMLINE_DB: file });
    expect(cli.code).toBe(0);
    expect(cli.stdout).toBe(overHttp);
    const refused = claimline(['export', '--format', 'csv', '--actor-roles', 'ACCUSER'], { CLAIMLINE_DB: file });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^claimline: --actor-roles: give actors/);
  });
});

describe('exports of 10,000 items', () => {
  it('stream in batches: the statements per batch stay the same however many batches', async () => {
    const { db: big, statements } = testDb();
    loadLarge(big, generatedTimeline({ events: 4000 }));
    const bigApp = createApp({ db: big });
    const exported = async (path: string) => {
      const { result: body, statements: ran } = await withStatements(statements, async () => (await bigApp.fetch(`http://x${path}`)).text());
      return { statements: ran.length, body };
    };
    for (const name of Object.keys(EXPORTERS)) {
      // One batch (the 450 or so items of every type dated in the first half of 2017), then all 20 batches of 500 items.
      const one = await exported(`/export/${name}?to=2017-06`);
      const all = await exported(`/export/${name}`);
      expect(all.body.length, name).toBeGreaterThan(one.body.length);
      // A fixed number of statements per batch, never one per item.
      expect(all.statements, name).toBeLessThanOrEqual(one.statements * 20);
      expect(all.statements, name).toBeLessThan(10_000 / 20);
    }
    const items: string[][] = parseCsv(await (await bigApp.fetch('http://x/export/csv')).text());
    expect(items.length - 1).toBe(10_000);
  });
});
