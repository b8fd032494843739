import { sql } from 'drizzle-orm';
import { createReadStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { allRows, firstRow } from '../src/db/statements.ts';
import { describe, expect, it } from 'vitest';
import type { Db } from '../src/db/client.ts';
import { ImportAborted, runImport } from '../src/ingest/import.ts';
import { createApp } from '../src/server/app.ts';
import { data, testDb } from './helpers.ts';
import { FIXTURES } from './paths.ts';

const sample = (path: string) => join(FIXTURES, path);
const GDELT = sample('gdelt-2.0-events-sample/20191024143000.export.CSV');
const GDELT_LINES = readFileSync(GDELT, 'utf8').split('\n').filter(Boolean);
const TABLES = ['items', 'events', 'claims', 'actors', 'places', 'sources', 'citations', 'event_participants', 'claim_reviews', 'record_keys', 'quotes'];

const counts = (db: Db) => Object.fromEntries(TABLES.map((t) => [t, firstRow<{ n: number }>(db, sql.raw(`SELECT count(*) AS n FROM ${t}`))!.n]));
const fromText = (text: string | Buffer) => Readable.from([Buffer.from(text)]);
const importFile = (db: Db, format: string, file: string, skipInvalid = false) => runImport(db, { format, file, input: createReadStream(file), skipInvalid });
const importText = (db: Db, format: string, text: string | Buffer, skipInvalid = false) => runImport(db, { format, file: 'input', input: fromText(text), skipInvalid });

async function aborted(run: Promise<unknown>): Promise<ImportAborted> {
  try {
    await run;
  } catch (error) {
    if (error instanceof ImportAborted) return error;
    throw error;
  }
  throw new Error('expected the import to abort');
}

/** A real GDELT row with some columns replaced. */
function gdeltRow(index: number, changes: Record<number, string> = {}): string {
  const fields = GDELT_LINES[index]!.split('\t');
  for (const [column, value] of Object.entries(changes)) fields[Number(column)] = value;
  return fields.join('\t');
}

describe('GDELT 2.0 events', () => {
  it('imports the real 15-minute file: events, accusations (112x), denials (016), sources, places', async () => {
    const { db } = testDb();
    const report = await importFile(db, 'gdelt-events', GDELT);
    expect(report.rows).toBe(2111);
    expect(report.outcomes.created).toBe(2111);
    const types = Object.fromEntries(allRows<{ type: string; n: number }>(db, sql`SELECT type, count(*) AS n FROM items GROUP BY type`).map((r) => [r.type, r.n]));
    // 54 rows are CAMEO 112x; those that name both accuser and accused become accusations.
    expect(types).toEqual({ EVENT: 2060, ACCUSATION: 39, STATEMENT: 12 });
    expect(firstRow<{ n: number }>(db, sql`SELECT count(*) AS n FROM sources`)!.n).toBe(425);
    // Every item cites its source; no source has a title or publisher GDELT does not give.
    expect(firstRow<{ n: number }>(db, sql`SELECT count(*) AS n FROM items WHERE id NOT IN (SELECT item_id FROM citations)`)!.n).toBe(0);
    expect(firstRow<{ n: number }>(db, sql`SELECT count(*) AS n FROM sources WHERE title IS NOT NULL OR publisher IS NOT NULL`)!.n).toBe(0);
  });

  it('maps the values of a row exactly (spot check of the first row)', async () => {
    const { db } = testDb();
    await importText(db, 'gdelt-events', `${GDELT_LINES[0]}\n`);
    const { events } = await data(createApp({ db }), `{ events { nodes {
      title kind status date { edtf }
      gdelt { eventCode eventRootCode quadClass goldsteinScale avgTone numMentions numSources numArticles isRootEvent dateAdded actor1Geo { name } actor2Geo { name } }
      identifiers { scheme value }
      participants { role actor { name kind country codes { scheme value } } }
      places { name kind coordinates { latitude longitude } }
      sources { url title publishedAt { edtf basis } }
    } } }`);
    expect(events.nodes).toEqual([
      {
        // CAMEO 139, "Give ultimatum", is THREATEN in OEDA's CAMEO→PLOVER table.
        title: 'Give ultimatum: ? → VICTORIA',
        kind: 'THREATEN',
        status: 'REPORTED',
        date: { edtf: '2018-10-24' },
        gdelt: {
          eventCode: '139',
          eventRootCode: '13',
          quadClass: 3,
          goldsteinScale: -7,
          avgTone: 2.02774813233724,
          numMentions: 3,
          numSources: 1,
          numArticles: 3,
          isRootEvent: false,
          dateAdded: '20191024143000',
          actor1Geo: null,
          actor2Geo: { name: 'Vancouver, British Columbia, Canada' },
        },
        identifiers: [{ scheme: 'GDELT', value: '881990832' }],
        participants: [
          { role: 'TARGET', actor: { name: 'VICTORIA', kind: 'UNKNOWN', country: 'AU', codes: [{ scheme: 'CAMEO', value: 'AUS' }, { scheme: 'CAMEO_COUNTRY', value: 'AUS' }] } },
        ],
        places: [{ name: 'Vancouver, British Columbia, Canada', kind: 'CITY', coordinates: { latitude: 49.25, longitude: -123.133 } }],
        sources: [
          {
            url: 'https://www.timescolonist.com/entertainment/jeremy-dutcher-brings-ancestors-songs-to-life-1.23985964',
            title: null,
            publishedAt: { edtf: '/2019-10-24', basis: expect.stringContaining('DATEADDED') },
          },
        ],
      },
    ]);
  });

  it('changes nothing when the same file is imported again, and updates what an updated file changed', async () => {
    const { db } = testDb();
    const rows = GDELT_LINES.slice(0, 50);
    await importText(db, 'gdelt-events', `${rows.join('\n')}\n`);
    const before = counts(db);
    const again = await importText(db, 'gdelt-events', `${rows.join('\n')}\n`);
    expect(again.outcomes).toEqual({ created: 0, updated: 0, unchanged: 50, unmatched: 0 });
    expect(counts(db)).toEqual(before);
    const edited = [...rows];
    edited[3] = gdeltRow(3, { 30: '4.5' });
    const update = await importText(db, 'gdelt-events', `${edited.join('\n')}\n`);
    expect(update.outcomes).toEqual({ created: 0, updated: 1, unchanged: 49, unmatched: 0 });
    const id = GDELT_LINES[3]!.split('\t')[0];
    expect(firstRow<{ g: number }>(db, sql`SELECT g.goldstein_scale AS g FROM gdelt_codings g JOIN item_identifiers k ON k.item_id = g.item_id WHERE k.scheme = 'GDELT' AND k.value = ${id}`)!.g).toBe(4.5);
    expect(counts(db)).toEqual(before);
  });
});

describe('bad input', () => {
  const good = `${GDELT_LINES.slice(0, 3).join('\n')}\n`;
  const cases: [string, string | Buffer, number, string | null, RegExp][] = [
    ['a truncated row (too few columns)', `${good}${GDELT_LINES[3]!.split('\t').slice(0, 20).join('\t')}\n`, 4, null, /expected 61 columns, found 20/],
    ['a file cut off mid-row', `${good}${GDELT_LINES[3]!.slice(0, 200)}`, 4, null, /truncated/],
    ['a row of another format', `${good}a,b,c\n`, 4, null, /expected 61 columns, found 1/],
    ['a bad date', `${good}${gdeltRow(3, { 1: '20191345' })}\n`, 4, 'SQLDATE', /not a valid date/],
    ['a non-date', `${good}${gdeltRow(3, { 1: 'yesterday' })}\n`, 4, 'SQLDATE', /YYYYMMDD/],
    ['a latitude out of range', `${good}${gdeltRow(3, { 56: '123.4' })}\n`, 4, 'ActionGeo_Lat', /from -90 to 90/],
    ['one coordinate without the other', `${good}${gdeltRow(3, { 57: '' })}\n`, 4, 'ActionGeo_Long', /other coordinate/],
    ['a duplicate id', `${good}${GDELT_LINES[1]}\n`, 4, 'GLOBALEVENTID', /repeats the id .* of line 2/],
    ['bytes that are not UTF-8', Buffer.concat([Buffer.from(good), Buffer.from(gdeltRow(3, { 6: 'CAF\xe9' }), 'latin1'), Buffer.from('\n')]), 4, null, /not valid UTF-8/],
    ['no source', `${good}${gdeltRow(3, { 60: '' })}\n`, 4, 'SOURCEURL', /empty/],
  ];

  for (const [name, input, line, column, reason] of cases) {
    it(`aborts on ${name}, naming line and column, and writes nothing`, async () => {
      const { db } = testDb();
      const before = counts(db);
      const error = await aborted(importText(db, 'gdelt-events', input));
      expect(error.row.line).toBe(line);
      expect(error.row.column).toBe(column);
      expect(error.row.reason).toMatch(reason);
      expect(error.message).toMatch(/^input:4: .*nothing was imported/);
      expect(counts(db)).toEqual(before);
    });
  }

  it('imports the good rows and reports the refused ones with --skip-invalid', async () => {
    const { db } = testDb();
    const report = await importText(db, 'gdelt-events', `${good}${gdeltRow(5, { 1: '2019' })}\n${GDELT_LINES[6]}\n`, true);
    expect(report.outcomes.created).toBe(4);
    expect(report.refused).toEqual([{ line: 4, column: 'SQLDATE', reason: expect.stringContaining('YYYYMMDD') }]);
  });

  it('imports nothing from an empty file or a header-only file', async () => {
    const { db } = testDb();
    expect((await importText(db, 'gdelt-events', '')).rows).toBe(0);
    expect((await importText(db, 'acled', `${ACLED_HEADER}\n`)).rows).toBe(0);
    expect(counts(db).items).toBe(0);
  });
});

describe('GDELT 2.0 mentions', () => {
  it('counts the mentions of events not imported, and invents no source for them', async () => {
    const { db } = testDb();
    const report = await importFile(db, 'gdelt-mentions', sample('gdelt-2.0-mentions-sample/mentionssamp.csv'));
    expect(report.rows).toBe(1635);
    // The sample's events are not in the events sample (another day): no citation can be made,
    // and none of the 559 documents they name is recorded for nothing.
    expect(report.outcomes.unmatched).toBe(1635);
    expect(counts(db).sources).toBe(0);
  });

  it('cites the mentioning documents for events imported earlier (1:N), once however often imported', async () => {
    const { db } = testDb();
    await importText(db, 'gdelt-events', `${GDELT_LINES.slice(0, 2).join('\n')}\n`);
    const id = GDELT_LINES[0]!.split('\t')[0];
    const mention = (url: string) => [id, '20181024000000', '20191024143000', '1', 'example.org', url, '1', '-1', '10', '20', '1', '100', '2000', '1.5', '', ''].join('\t');
    const file = `${mention('https://example.org/a')}\n${mention('https://example.org/b')}\n`;
    expect((await importText(db, 'gdelt-mentions', file)).outcomes).toEqual({ created: 2, updated: 0, unchanged: 0, unmatched: 0 });
    expect((await importText(db, 'gdelt-mentions', file)).outcomes).toEqual({ created: 0, updated: 0, unchanged: 2, unmatched: 0 });
    const cited = allRows<{ url: string }>(db, sql`SELECT s.url FROM citations c JOIN sources s ON s.id = c.source_id JOIN record_keys k ON k.record_id = c.item_id
      WHERE k.namespace = 'gdelt' AND k.key = ${`item:event:${id}`} ORDER BY s.url`);
    expect(cited.map((r) => r.url)).toEqual(['https://example.org/a', 'https://example.org/b', expect.stringContaining('timescolonist')]);
  });

  it('fills in the publisher of an event’s source from a mention of that document, and records the change', async () => {
    const { db } = testDb();
    await importText(db, 'gdelt-events', `${GDELT_LINES[0]}
`);
    const [id, , , , , , , , , , , , , , , , , , , , , , , , , , , , , , , , , , , , , , , , , , , , , , , , , , , , , , , , , , , , url] = GDELT_LINES[0]!.split('\t');
    const mention = [id, '20181024000000', '20191024143000', '1', 'timescolonist.com', url, '1', '-1', '10', '20', '1', '100', '2000', '1.5', '', ''].join('\t');
    expect((await importText(db, 'gdelt-mentions', `${mention}\n`)).outcomes).toEqual({ created: 0, updated: 0, unchanged: 1, unmatched: 0 });
    expect(allRows(db, sql`SELECT publisher, url FROM sources`)).toEqual([{ publisher: 'timescolonist.com', url }]);
    expect(firstRow<{ n: number }>(db, sql`SELECT count(*) AS n FROM row_changes WHERE table_name = 'sources' AND operation = 'UPDATE'`)!.n).toBe(1);
  });
});

describe('PLOVER', () => {
  const GSR = sample('plover-gold-standard-records/PLOVER_GSR_CAMEO.json');

  it('refuses the gold-standard file as a whole at its first bad record, writing nothing', async () => {
    const { db } = testDb();
    const error = await aborted(importFile(db, 'plover', GSR));
    expect([error.row.line, error.row.column]).toEqual([116, 'target']);
    expect(counts(db).items).toBe(0);
  });

  it('imports the good records with --skip-invalid, mapping 0.5 names to current types, and reports the rest', async () => {
    const { db } = testDb();
    const report = await importFile(db, 'plover', GSR, true);
    expect(report.outcomes.created).toBe(320);
    expect(report.refused).toEqual([
      { line: 116, column: 'target', reason: expect.stringContaining('"diplomatic"') },
      { line: 4825, column: 'id', reason: expect.stringContaining('repeats the id "PLOVER-GSR01-COERCE-0004"') },
    ]);
    // The provenance's counts: DEMAND 34 → REQUEST; DISAPPROVE 16 + INVESTIGATE 9 → ACCUSE;
    // FIGHT 17 + ASSAULT 15 → ASSAULT; less the two refused records (an AGREE and a COERCE).
    const kinds = Object.fromEntries(allRows<{ kind: string; n: number }>(db, sql`SELECT kind, count(*) AS n FROM events GROUP BY kind`).map((r) => [r.kind, r.n]));
    expect(kinds).toMatchObject({ REQUEST: 34, ACCUSE: 25, ASSAULT: 32, AGREE: 39, COERCE: 17 });
    const crowd = firstRow<{ summary: string }>(db, sql`SELECT summary FROM items WHERE summary LIKE '%(size: Tens of thousands)%'`);
    expect(crowd).toBeDefined();
    expect((await importFile(db, 'plover', GSR, true)).outcomes.unchanged).toBe(320);
  });
});

describe('ClaimReview', () => {
  const DIR = 'claimreview-jsonld-examples/';

  it('imports each review: the claim by its author, where it appeared, and the rating exactly as given', async () => {
    const { db } = testDb();
    await importFile(db, 'claimreview', sample(`${DIR}schemaorg-eg-0324-ClaimReview.jsonld`));
    await importFile(db, 'claimreview', sample(`${DIR}schemaorg-eg-0325-ClaimReview.jsonld`));
    const { claims } = await data(createApp({ db }), `{ claims { nodes {
      summary date { edtf } claimant { name kind description identifiers { value } }
      sources { url title } identifiers { scheme value }
      reviews { url publishedAt { edtf } ratingValue bestRating ratingLabel body reviewer { name identifiers { scheme value } } }
    } } }`);
    const [obama, perry] = claims.nodes;
    // The claimant is spelled as the data spells it; the rating's words and value disagree, and both are kept.
    expect(perry.claimant).toEqual({ name: 'Rich Perry', kind: 'PERSON', description: 'Former Governor of Texas', identifiers: [] });
    expect(perry.date.edtf).toBe('2014-07-17');
    expect(perry.summary).toBe('More than 3,000 homicides were committed by "illegal aliens" over the past six years.');
    expect(perry.sources).toEqual([{ url: null, title: 'The St. Petersburg Times interview [...]' }]);
    // The reviewer has no name, only its page: it is named and identified by that page.
    const politifact = { name: 'http://www.politifact.com/', identifiers: [{ scheme: 'URL', value: 'http://www.politifact.com/' }] };
    expect(perry.reviews).toEqual([
      { url: expect.stringContaining('politifact.com'), publishedAt: { edtf: '2014-07-23' }, ratingValue: 1, bestRating: 6, ratingLabel: 'True', body: null, reviewer: politifact },
    ]);
    expect(perry.identifiers).toEqual([{ scheme: 'CLAIMREVIEW', value: perry.reviews[0].url }]);
    expect(obama.claimant.identifiers).toEqual([{ value: 'Q76' }]);
    expect(obama.sources).toEqual([{ url: 'https://www.youtube.com/watch?v=B_889oBKkNU', title: 'Clip from President Obama Speech to Muslim World in Cairo' }]);
    expect(obama.reviews[0].body).toBe('This claim is true. The UK also played a role.');
  });

  it('refuses a review without the claim’s author, naming the field', async () => {
    const { db } = testDb();
    const error = await aborted(importText(db, 'claimreview', JSON.stringify({ '@type': 'ClaimReview', claimReviewed: 'x', datePublished: '2020-01-01' })));
    expect(error.row.column).toBe('itemReviewed.author');
  });
});

// Rows written from the ACLED codebook's columns (test/fixtures/acled-crafted/PROVENANCE.md).
const [ACLED_HEADER, ...ACLED_LINES] = readFileSync(sample('acled-crafted/acled-crafted.csv'), 'utf8').split(/\n(?=SYR|$)/).filter(Boolean);

describe('ACLED CSV', () => {
  const rows = ACLED_LINES.slice(0, 2);

  it('imports events with their actors, place hierarchy, coordinates, date precision and fatalities', async () => {
    const { db } = testDb();
    const report = await importText(db, 'acled', `${ACLED_HEADER}\n${rows.join('\n')}\n`);
    expect(report.outcomes.created).toBe(2);
    const { events } = await data(createApp({ db }), `{ events { nodes { title kind acled { eventType subEventType } summary date { edtf }
      quantities { measure value } participants { role actor { name kind } } places { name kind coordinates { latitude } parent { name parent { name } } }
      sources { title publisher } } } }`);
    const [clash, strike] = events.nodes;
    expect(clash.date.edtf).toBe('2017-09');
    expect(clash.summary).toBe('Clashes in the city,\nover the month.');
    expect(strike).toMatchObject({
      kind: 'ASSAULT',
      acled: { eventType: 'Explosions/Remote violence', subEventType: 'Air/drone strike' },
      date: { edtf: '2017-10-09' },
      quantities: [{ measure: 'fatalities', value: 7 }],
      summary: 'On 9 October, coalition aircraft struck IS positions in Al Mayadin, "killing" 7.',
      sources: [{ title: null, publisher: 'Syrian Observatory for Human Rights' }, { title: null, publisher: 'Reuters' }],
    });
    expect(strike.participants).toEqual(
      expect.arrayContaining([
        { role: 'SIDE_1', actor: { name: 'Military Forces of the United States (2017-2021)', kind: 'MILITARY' } },
        { role: 'ASSOCIATE_1', actor: { name: 'Global Coalition Against Daesh', kind: 'UNKNOWN' } },
        { role: 'SIDE_2', actor: { name: 'Islamic State (Syria)', kind: 'ARMED_GROUP' } },
      ]),
    );
    expect(strike.places).toEqual([{ name: 'Al Mayadin', kind: 'CITY', coordinates: { latitude: 35.0185 }, parent: { name: 'Al Mayadin', parent: { name: 'Deir ez Zor' } } }]);
  });

  it('refuses a file without the ACLED columns, and rows with bad values', async () => {
    const { db } = testDb();
    expect((await aborted(importText(db, 'acled', 'id,date\n1,2\n'))).row.column).toBe('event_id_cnty');
    const bad = rows[0]!.replace('35.0185', '135.0185');
    expect((await aborted(importText(db, 'acled', `${ACLED_HEADER}\n${bad}\n`))).row.column).toBe('latitude');
    expect((await aborted(importText(db, 'acled', `${ACLED_HEADER}\n${rows[0]!.replace('2017-10-09', '2017-02-30')}\n`))).row.column).toBe('event_date');
    expect((await aborted(importText(db, 'acled', `${ACLED_HEADER}\n${rows[0]!.slice(0, 300)}`))).row.reason).toMatch(/truncated/);
    expect(counts(db).items).toBe(0);
  });
});
